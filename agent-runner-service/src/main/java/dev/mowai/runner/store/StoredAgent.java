package dev.mowai.runner.store;

import java.util.List;

/**
 * What survives a runner restart for one agent. The token itself is never stored, only its hash.
 *
 * @param id            the agent's arena identity (UUID v4), stable for its whole life
 * @param persona       persona name; with {@code customSkill} set it names the participant's own SKILL.md
 * @param customSkill   the uploaded SKILL.md text, or null for one of the built-in personas
 * @param componentHash SHA-256 (hex) of the component, its file name in the component store
 * @param handledTasks  the most recent task ids it took, so that a rejoin does not answer them twice
 */
public record StoredAgent(String id, String name, String color, String persona, String customSkill,
                          String componentHash, String tokenHash, long createdAt, boolean quarantined,
                          List<String> handledTasks) {

    public StoredAgent {
        handledTasks = handledTasks == null ? List.of() : List.copyOf(handledTasks);
    }

    public StoredAgent withComponent(String hash) {
        return new StoredAgent(id, name, color, persona, customSkill, hash, tokenHash, createdAt, false, handledTasks);
    }

    public StoredAgent withQuarantined(boolean q) {
        return new StoredAgent(id, name, color, persona, customSkill, componentHash, tokenHash, createdAt, q, handledTasks);
    }

    public StoredAgent withHandledTasks(List<String> tasks) {
        return new StoredAgent(id, name, color, persona, customSkill, componentHash, tokenHash, createdAt, quarantined, tasks);
    }
}
