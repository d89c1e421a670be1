package dev.mowai.runner.service;

import dev.mowai.runner.component.agent.AgentInfo;
import dev.mowai.runner.core.AgentStats;

/** An agent as {@code GET /agents} shows it (never its token). */
public record AgentView(String id, String name, String color, String persona, boolean customPersona, String state,
                        String arena, AgentInfo info, String componentSha256, long createdAt, int pendingCalls,
                        AgentStats.Snapshot stats) {
}
