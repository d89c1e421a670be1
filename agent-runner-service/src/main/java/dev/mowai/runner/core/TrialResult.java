package dev.mowai.runner.core;

import java.util.List;

/**
 * The outcome of a private trial run: the thoughts the agent broadcast, its answer (null when the
 * call failed), how long it took, and the error when it failed.
 */
public record TrialResult(List<String> thoughts, String response, long durationMs, int llmCalls, String error) {
    public TrialResult {
        thoughts = List.copyOf(thoughts);
    }
}
