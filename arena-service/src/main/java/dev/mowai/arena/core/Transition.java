package dev.mowai.arena.core;

import java.util.List;

/** Result of one relay step. */
public record Transition(RelayState state, List<Effect> effects) {
    public Transition {
        effects = List.copyOf(effects);
    }
}
