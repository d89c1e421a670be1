package dev.mowai.runner.service;

import java.time.Duration;

/** Durations as people read them in refusals and headers. */
final class Durations {

    private Durations() {
    }

    /** Whole seconds, rounded up, at least 1: for Retry-After and "try again in N s". */
    static long seconds(Duration d) {
        long s = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, s);
    }

    /** The configuration's own spelling: {@code 1m}, {@code 30s}, {@code 2h}, {@code 1500ms}. */
    static String text(Duration d) {
        if (d.toMillisPart() != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
