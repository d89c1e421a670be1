package dev.mowai.runner.core;

/**
 * One line of an agent's console: what the agent logged, what the runner says about it, or what the
 * agent does (the task it takes, its host-llm prompts and replies, its thoughts and its answer).
 */
public record ConsoleLine(long ts, String level, String source, String text) {

    /** Lines written by the agent's own {@code log} calls. */
    public static final String AGENT = "agent";
    /** Lines written by the runner (limits, traps, gateway errors, arena state). */
    public static final String RUNNER = "runner";
    /** A task the agent takes: from the arena, or a trial. */
    public static final String TASK = "task";
    /** A {@code host-llm} prompt and the reply the agent got. */
    public static final String LLM = "llm";
    /** A thought the agent broadcast (relayed to the arena, or kept by a trial). */
    public static final String THOUGHT = "thought";
    /** The answer the agent gave to a task. */
    public static final String ANSWER = "answer";
}
