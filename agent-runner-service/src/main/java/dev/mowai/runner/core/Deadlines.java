package dev.mowai.runner.core;

import java.time.Duration;

/** Runs an action after a delay unless it is cancelled first (the shell uses a scheduler, tests fire by hand). */
@FunctionalInterface
public interface Deadlines {

    /** Schedules {@code action} in {@code delay}; the returned handle cancels it (a no-op once it ran). */
    Runnable schedule(Duration delay, Runnable action);

    /** Never fires. */
    Deadlines NONE = (delay, action) -> () -> { };
}
