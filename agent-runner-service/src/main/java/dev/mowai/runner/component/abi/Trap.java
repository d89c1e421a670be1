package dev.mowai.runner.component.abi;

/**
 * A guest-visible failure of one call: invalid values crossing the boundary (bounds, alignment,
 * encoding, discriminants, handles) or a guest that broke a canonical-ABI rule. The message says what
 * was wrong, with which value and which bound. The instance that trapped must not be entered again.
 */
public class Trap extends RuntimeException {

    public Trap(String message) {
        super(message);
    }

    public Trap(String message, Throwable cause) {
        super(message, cause);
    }
}
