package dev.mowai.runner.core;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Short-lived, single-use tickets for one agent's console, so that a browser's EventSource (which
 * cannot send an {@code Authorization} header) never puts the agent's token in a URL, where proxies
 * and access logs keep it. A ticket opens the console of the agent it was issued for, once, within
 * {@code lifetimeMs}. At most {@code capacity} tickets are outstanding: the oldest go first.
 */
public final class ConsoleTickets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Issued(String agentId, long expiresAt) {
    }

    private final long lifetimeMs;
    private final int capacity;
    private final Map<String, Issued> open = new LinkedHashMap<>();

    public ConsoleTickets(long lifetimeMs, int capacity) {
        this.lifetimeMs = lifetimeMs;
        this.capacity = capacity;
    }

    public long lifetimeMs() {
        return lifetimeMs;
    }

    /** A new ticket for {@code agentId}'s console (the caller has checked the agent's token). */
    public synchronized String issue(String agentId, long now) {
        expire(now);
        while (open.size() >= capacity) {
            open.remove(open.keySet().iterator().next());
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        open.put(ticket, new Issued(agentId, now + lifetimeMs));
        return ticket;
    }

    /** Uses the ticket up; true when it was issued for {@code agentId} and has not expired. */
    public synchronized boolean redeem(String ticket, String agentId, long now) {
        expire(now);
        Issued issued = ticket == null ? null : open.get(ticket);
        if (issued == null || !issued.agentId().equals(agentId)) {
            return false; // an unknown ticket, or one for another agent (left for its owner)
        }
        open.remove(ticket);
        return true;
    }

    private void expire(long now) {
        for (Iterator<Issued> it = open.values().iterator(); it.hasNext(); ) {
            if (it.next().expiresAt() <= now) {
                it.remove();
            } else {
                return; // issued in order with one lifetime: the rest expire later
            }
        }
    }
}
