package dev.mowai.runner.component.wit;

/** WIT text the reader cannot accept; the message names the line and what was expected. */
public final class WitSyntaxException extends IllegalArgumentException {
    public WitSyntaxException(int line, String message) {
        super("line " + line + ": " + message);
    }
}
