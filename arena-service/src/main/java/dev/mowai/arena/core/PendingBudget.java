package dev.mowai.arena.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Agent sockets that are open but have not joined (no AGENT_CONNECT yet), counted per client address
 * and in total. A joined agent or a closed socket gives its place back. Thread-safe; touched once per
 * socket on open and once on join or close, never per frame.
 */
public final class PendingBudget {

    private final int perAddress;
    private final int total;
    private final Map<String, Integer> byAddress = new HashMap<>();
    private int pending;

    public PendingBudget(int perAddress, int total) {
        this.perAddress = perAddress;
        this.total = total;
    }

    /** Why a new socket from {@code address} would be refused now; empty when it would be admitted. */
    public synchronized Optional<Refusal> refusal(String address) {
        if (byAddress.getOrDefault(address, 0) >= perAddress) {
            return Optional.of(new Refusal(429, "more than " + perAddress + " agent sockets from " + address
                    + " have not sent AGENT_CONNECT"));
        }
        if (pending >= total) {
            return Optional.of(new Refusal(503, "more than " + total + " agent sockets have not sent AGENT_CONNECT"));
        }
        return Optional.empty();
    }

    /** Takes a place for a socket from {@code address}, unless {@link #refusal} says no. */
    public synchronized Optional<Refusal> take(String address) {
        Optional<Refusal> no = refusal(address);
        if (no.isEmpty()) {
            byAddress.merge(address, 1, Integer::sum);
            pending++;
        }
        return no;
    }

    /** Gives back a place taken by {@link #take}. */
    public synchronized void release(String address) {
        Integer n = byAddress.get(address);
        if (n == null) {
            return;
        }
        if (n == 1) {
            byAddress.remove(address);
        } else {
            byAddress.put(address, n - 1);
        }
        pending--;
    }

    public synchronized int pending() {
        return pending;
    }

    /** {@code status}: the HTTP status for a refused upgrade (429 this address, 503 everyone). */
    public record Refusal(int status, String reason) {
    }
}
