package dev.mowai.arena.protocol;

/** Outcome of parsing one frame: a message, or the reason it was refused. */
public sealed interface Parsed {
    record Ok(Inbound message) implements Parsed {
    }

    /**
     * @param reason what is wrong, naming the field and the limit
     * @param type   the message type when it could be read (lets the core tell a bad AGENT_CONNECT apart)
     */
    record Rejected(String reason, MessageType type) implements Parsed {
        public Rejected(String reason) {
            this(reason, null);
        }
    }
}
