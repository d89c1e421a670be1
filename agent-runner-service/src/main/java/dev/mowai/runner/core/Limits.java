package dev.mowai.runner.core;

import java.time.Duration;

/**
 * Every containment limit of the runner, in one value (filled from {@code mowai.limits.*}).
 *
 * @param maxComponentBytes largest accepted component upload
 * @param callTimeout       wall-clock limit of one call into an agent
 * @param memoryMaxBytes    linear memory cap of one agent instance
 * @param llmCallsPerTask   host-llm calls allowed during one task (or one peer reaction)
 * @param promptMaxChars    longest prompt passed on to the gateway
 * @param broadcastsPerTask thoughts one agent may publish for one task
 * @param broadcastsPerMinute thoughts one agent may publish in any 60 s window
 * @param thoughtMaxChars   arena limit of a thought; longer ones are truncated and marked
 * @param responseMaxChars  arena limit of a response; longer ones are truncated and marked
 * @param cascadeDepth      deepest reaction chain relayed (a reaction to a task thought is depth 1)
 * @param quarantineTraps   traps within {@code quarantineWindow} that quarantine an agent
 * @param quarantineWindow  window for counting traps
 * @param mailboxCapacity   pending calls per agent; beyond it peer thoughts are shed first
 * @param logLineMaxChars   longest console line kept from an agent's {@code log}
 * @param logLinesPerMinute console lines one agent may write per minute
 * @param llmCallsPerMinute host-llm calls one agent may make in any 60 s window, whatever the calls are for
 * @param reactionTimeout   wall-clock limit of one {@code on-peer-thought} call (shorter than {@code callTimeout})
 */
public record Limits(
        long maxComponentBytes,
        Duration callTimeout,
        long memoryMaxBytes,
        int llmCallsPerTask,
        int promptMaxChars,
        int broadcastsPerTask,
        int broadcastsPerMinute,
        int thoughtMaxChars,
        int responseMaxChars,
        int cascadeDepth,
        int quarantineTraps,
        Duration quarantineWindow,
        int mailboxCapacity,
        int logLineMaxChars,
        int logLinesPerMinute,
        int llmCallsPerMinute,
        Duration reactionTimeout) {
}
