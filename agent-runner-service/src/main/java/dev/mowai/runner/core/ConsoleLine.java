package dev.mowai.runner.core;

/** One line of an agent's console: what the agent logged, or what the runner says about it. */
public record ConsoleLine(long ts, String level, String source, String text) {

    /** Lines written by the agent's own {@code log} calls. */
    public static final String AGENT = "agent";
    /** Lines written by the runner (limits, traps, gateway errors, arena state). */
    public static final String RUNNER = "runner";
}
