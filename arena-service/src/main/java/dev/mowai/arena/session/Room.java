package dev.mowai.arena.session;

import java.util.List;
import java.util.Optional;

/**
 * What the shell tells a transition about the arena right now: the agents connected, and the taskId a
 * round (or the synthesis) opened by this transition gets.
 */
public record Room(List<Participant> present, String nextTaskId) {

    public Room {
        present = List.copyOf(present);
    }

    /** The synthesiser named by agentId, else by persona, else by name (case-insensitive). */
    Optional<Participant> find(String who) {
        return present.stream().filter(p -> p.agentId().equals(who)).findFirst()
                .or(() -> present.stream().filter(p -> who.equalsIgnoreCase(p.persona())).findFirst())
                .or(() -> present.stream().filter(p -> who.equalsIgnoreCase(p.name())).findFirst());
    }
}
