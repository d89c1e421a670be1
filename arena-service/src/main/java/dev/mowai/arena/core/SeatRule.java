package dev.mowai.arena.core;

import dev.mowai.arena.protocol.Inbound;
import java.util.Optional;

/**
 * Who may take an agent id. Seed clients keep the seed's rule: the first connection with an id holds it.
 * An id that was once joined with a valid credential ({@link ConnectProof}) is claimed for good (the claims
 * survive restarts): only a connection that proves it may hold it again. A proven connection also takes
 * its id from an unproven holder, which is how a runner's agent gets its seat back from a squatter that
 * grabbed the id while the runner was away. Pure.
 */
final class SeatRule {

    private SeatRule() {
    }

    sealed interface Decision {
        /** Join; {@code squatter} is an unproven holder of the id that must leave first. */
        record Take(boolean proven, Optional<Session.Joined> squatter) implements Decision {
        }

        record Refuse(String problem, String label) implements Decision {
        }
    }

    static Decision decide(RelayState state, Inbound.Connect c, ConnectProof proof) {
        boolean proven = proof.proves(c.agentId(), c.ts(), c.credential().orElse(null));
        if (c.credential().isPresent() && proof.configured() && !proven) {
            // Close reasons hold 123 bytes: the messages stay short.
            return new Decision.Refuse("payload.credential: does not prove agentId " + c.agentId()
                    + " (wrong key, agentId or ts)", "credential");
        }
        boolean claimed = state.claimed().contains(c.agentId());
        Optional<Session.Joined> holder = state.agent(c.agentId());
        if (holder.isPresent()) {
            // A holder of a claimed id proved it when it joined; an unproven one only got there first.
            return proven && !claimed ? new Decision.Take(true, holder)
                    : new Decision.Refuse("agentId: " + c.agentId() + " is already connected", "duplicate");
        }
        if (claimed && !proven) {
            return new Decision.Refuse("agentId: " + c.agentId() + " belongs to a runner's agent: payload.credential needed",
                    "claimed");
        }
        return new Decision.Take(proven, Optional.empty());
    }
}
