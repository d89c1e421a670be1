package dev.mowai.runner.component.host;

/**
 * Thrown by a host function when the guest asked to terminate ({@code wasi:cli/exit}). It unwinds
 * the whole export call; the caller reports the status instead of a result.
 *
 * @see #code() 0 for success, anything else for failure
 */
public final class HostExit extends RuntimeException {
    private final int code;

    public HostExit(int code) {
        super("the agent exited with status " + code + (code == 0 ? " (success)" : " (failure)")
                + " through wasi:cli/exit");
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean success() {
        return code == 0;
    }
}
