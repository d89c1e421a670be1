package dev.mowai.arena.protocol;

import java.util.Optional;

/** The seed arena's message types. {@code fromAgent} marks those an agent may send. */
public enum MessageType {
    AGENT_CONNECT(true),
    AGENT_DISCONNECT(true),
    AGENT_THOUGHT(true),
    AGENT_RESPONSE(true),
    GLOBAL_TASK(false),
    PEER_THOUGHT(false),
    ARENA_ACK(false),
    ARENA_ERROR(false),
    PING(true),
    PONG(true);

    private final boolean fromAgent;

    MessageType(boolean fromAgent) {
        this.fromAgent = fromAgent;
    }

    public boolean fromAgent() {
        return fromAgent;
    }

    public static Optional<MessageType> byName(String name) {
        for (MessageType t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
