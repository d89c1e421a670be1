package dev.mowai.runner.service;

/** The runner already hosts as many agents as it is configured for. */
public final class RunnerFull extends RuntimeException {

    public RunnerFull(int max) {
        super("this runner already hosts " + max + " agents (mowai.runner.max-agents)", null, false, false);
    }
}
