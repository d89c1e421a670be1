package dev.mowai.arena.core;

import java.util.ArrayList;
import java.util.List;

/** Times of an agent's recent protocol errors, pruned to a sliding window. */
public record ErrorWindow(List<Long> times) {

    public ErrorWindow {
        times = List.copyOf(times);
    }

    public static ErrorWindow empty() {
        return new ErrorWindow(List.of());
    }

    public ErrorWindow record(long now, long windowMs) {
        List<Long> kept = new ArrayList<>(times.size() + 1);
        for (long t : times) {
            if (now - t < windowMs) {
                kept.add(t);
            }
        }
        kept.add(now);
        return new ErrorWindow(kept);
    }

    public int count() {
        return times.size();
    }
}
