package dev.mowai.arena.core;

import dev.mowai.arena.protocol.ArenaEvent;

/** What the shell must do after a step, in order. */
public sealed interface Effect {

    /** Send a frame to one connection. */
    record Send(String conn, String json) implements Effect {
    }

    /** Append to the transcript, then deliver to every joined agent and every spectator. */
    record Publish(ArenaEvent event) implements Effect {
    }

    /** Deliver to every joined agent except {@code exceptConn}. */
    record SendToPeers(String exceptConn, String json) implements Effect {
    }

    /** Close a connection; the relay has already forgotten it. */
    record Close(String conn, int code, String reason) implements Effect {
    }

    /** An agent id joined with a valid credential for the first time: remember the claim across restarts. */
    record Claimed(String agentId) implements Effect {
    }

    /** A fact for the metrics. */
    record Observed(Observation kind, String label) implements Effect {
    }

    enum Observation {
        /** A valid message from an agent; label = its type. */
        ACCEPTED,
        /** A refused frame; label = its type or {@code unparsed}. */
        REJECTED,
        /** The arena closed an agent; label = why ({@code errors}, {@code silent}, {@code duplicate}, {@code handshake},
         * {@code claimed}, {@code credential}, {@code squatter}). */
        KICKED
    }
}
