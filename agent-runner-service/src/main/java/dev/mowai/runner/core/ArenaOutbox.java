package dev.mowai.runner.core;

/** Where an agent's thoughts and answers go (its arena seat). Returns false when they could not be sent. */
public interface ArenaOutbox {

    boolean thought(String taskId, int step, String content);

    boolean response(String taskId, String content, long durationMs);
}
