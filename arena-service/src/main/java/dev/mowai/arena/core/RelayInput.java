package dev.mowai.arena.core;

/** Everything that can happen to the relay. Time is passed in; the core reads no clock. */
public sealed interface RelayInput {

    long now();

    record Opened(String conn, long now) implements RelayInput {
    }

    record Received(String conn, String frame, long now) implements RelayInput {
    }

    /** A binary frame: the protocol is JSON text, so it is refused (and counts as an error). */
    record Binary(String conn, long now) implements RelayInput {
    }

    /** A WebSocket-level pong or other sign of life that carries no message. */
    record Heard(String conn, long now) implements RelayInput {
    }

    record Closed(String conn, long now) implements RelayInput {
    }

    /** Periodic clock: keepalive PINGs and closing silent connections. */
    record Tick(long now) implements RelayInput {
    }

    /**
     * The lead's task; the description was validated by {@code TaskDescription} (or composed by a debate
     * session). {@code reactions} false asks runners not to react to its thoughts (an added payload field).
     */
    record TaskPosted(String taskId, String description, boolean reactions, long now) implements RelayInput {
        public TaskPosted(String taskId, String description, long now) {
            this(taskId, description, true, now);
        }
    }
}
