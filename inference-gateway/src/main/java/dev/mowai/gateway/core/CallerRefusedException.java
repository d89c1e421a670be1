package dev.mowai.gateway.core;

/** A caller's {@code X-Mowai-Agent-Signature} does not hold (401); {@code problem} says why. */
public final class CallerRefusedException extends RuntimeException {

    public CallerRefusedException(String problem) {
        super(CallerSignature.HEADER + ": " + problem, null, false, false);
    }
}
