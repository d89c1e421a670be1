package dev.mowai.runner.core;

import java.util.ArrayDeque;

/** At most {@code max} events in any sliding window of {@code windowMs}; time is passed in. */
public final class RateWindow {

    private final int max;
    private final long windowMs;
    private final ArrayDeque<Long> events = new ArrayDeque<>();

    public RateWindow(int max, long windowMs) {
        this.max = max;
        this.windowMs = windowMs;
    }

    /** Records an event at {@code nowMs} if the window has room; returns whether it had. */
    public synchronized boolean tryAcquire(long nowMs) {
        expire(nowMs);
        if (events.size() >= max) {
            return false;
        }
        events.addLast(nowMs);
        return true;
    }

    /** Records an event unconditionally; returns how many events the window holds now. */
    public synchronized int record(long nowMs) {
        expire(nowMs);
        events.addLast(nowMs);
        return events.size();
    }

    public synchronized void clear() {
        events.clear();
    }

    private void expire(long nowMs) {
        while (!events.isEmpty() && events.peekFirst() <= nowMs - windowMs) {
            events.removeFirst();
        }
    }
}
