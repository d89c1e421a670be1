package dev.mowai.gateway.fake;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Ollama's parallel slots: at most {@code n} requests are served; the others wait in arrival order and
 * take a slot as soon as one is released (a reply finished, or its client hung up: Ollama stops
 * generating then). Not thread-safe and free of clocks: the paced fake calls it under a lock, the unit
 * test from a virtual clock.
 */
final class Slots<T> {

    private final int n;
    private final Set<T> serving = new HashSet<>();
    private final ArrayDeque<T> waiting = new ArrayDeque<>();
    private int maxWaiting;

    Slots(int n) {
        if (n < 1) throw new IllegalArgumentException("slots: must be at least 1 (got " + n + ")");
        this.n = n;
    }

    /** True: the request has a slot now; false: it waits for {@link #release} to hand it one. */
    boolean arrive(T request) {
        if (serving.size() < n) {
            serving.add(request);
            return true;
        }
        waiting.addLast(request);
        maxWaiting = Math.max(maxWaiting, waiting.size());
        return false;
    }

    /** A served request is done; the first waiting one, if any, now holds its slot. */
    Optional<T> release(T request) {
        if (!serving.remove(request)) throw new IllegalStateException("release of a request that holds no slot");
        T next = waiting.pollFirst();
        if (next != null) serving.add(next);
        return Optional.ofNullable(next);
    }

    /** A waiting request gave up before it got a slot. False: it was not waiting (it holds a slot, or never came). */
    boolean withdraw(T request) {
        return waiting.remove(request);
    }

    int serving() {
        return serving.size();
    }

    int waiting() {
        return waiting.size();
    }

    int maxWaiting() {
        return maxWaiting;
    }
}
