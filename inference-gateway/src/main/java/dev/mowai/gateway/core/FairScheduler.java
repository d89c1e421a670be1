package dev.mowai.gateway.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fair admission to a backend with a fixed number of slots.
 *
 * <p>Each agent has a FIFO queue; agents with waiting requests sit in a ring and are served
 * round-robin, one request per turn, so an agent that queues fifty requests gets no more turns than
 * an agent that queues one. A new agent joins the ring at the back, behind agents already waiting.
 *
 * <p>Not thread-safe and clock-free by design: the shell serialises calls and passes the time in.
 * Invariant: requests wait only while every slot is busy.
 */
public final class FairScheduler {

    private record Waiting(long id, String agent, long enqueuedAt) {}

    private final SchedulerLimits limits;
    private final Map<String, ArrayDeque<Waiting>> queues = new HashMap<>();
    /** Agents with at least one waiting request, in the order they will be served. */
    private final ArrayDeque<String> ring = new ArrayDeque<>();
    private final Map<Long, Waiting> waitingById = new HashMap<>();
    private final Map<Long, Long> runningSince = new HashMap<>();
    /** Smoothed backend service time, used only to suggest a Retry-After. Zero until the first sample. */
    private double serviceNanosEwma;

    public FairScheduler(SchedulerLimits limits) {
        this.limits = limits;
    }

    public SchedulerLimits limits() {
        return limits;
    }

    /** Admits request {@code id} of {@code agent}: it starts now, waits, or is refused. */
    public Admission submit(long id, String agent, long now) {
        if (waitingById.containsKey(id) || runningSince.containsKey(id)) {
            throw new IllegalArgumentException("request id already known: " + id);
        }
        if (agent == null || agent.isEmpty()) throw new IllegalArgumentException("agent must not be empty");
        if (runningSince.size() < limits.maxConcurrent()) {
            runningSince.put(id, now);
            return new Admission.Started(new Grant(id, agent, 0));
        }
        ArrayDeque<Waiting> own = queues.get(agent);
        int ownQueued = own == null ? 0 : own.size();
        if (ownQueued >= limits.maxQueuedPerAgent()) {
            return new Admission.Rejected(id, Admission.Reason.AGENT_QUEUE_FULL, retryAfterSeconds(ownQueued));
        }
        if (waitingById.size() >= limits.maxQueuedTotal()) {
            return new Admission.Rejected(id, Admission.Reason.GATEWAY_QUEUE_FULL, retryAfterSeconds(waitingById.size()));
        }
        Waiting w = new Waiting(id, agent, now);
        if (own == null) {
            own = new ArrayDeque<>();
            queues.put(agent, own);
            ring.addLast(agent);
        }
        own.addLast(w);
        waitingById.put(id, w);
        return new Admission.Queued(id, own.size() - 1);
    }

    /**
     * Request {@code id} finished with the backend (success, failure or cancellation alike): its slot
     * goes to the next agent in the ring. Returns the requests that start now, in order.
     */
    public List<Grant> release(long id, long now) {
        Long since = runningSince.remove(id);
        if (since == null) return List.of();
        long took = Math.max(0, now - since);
        serviceNanosEwma = serviceNanosEwma == 0 ? took : 0.8 * serviceNanosEwma + 0.2 * took;
        return dispatch(now);
    }

    /** Removes a waiting request whose caller went away. Returns false if it is not waiting (running or unknown). */
    public boolean cancelQueued(long id) {
        Waiting w = waitingById.remove(id);
        if (w == null) return false;
        ArrayDeque<Waiting> own = queues.get(w.agent());
        own.remove(w);
        if (own.isEmpty()) {
            queues.remove(w.agent());
            ring.remove(w.agent());
        }
        return true;
    }

    /** Drops every waiting request that has waited longer than the queue timeout at {@code now}. */
    public List<Expired> expire(long now) {
        List<Expired> out = new ArrayList<>();
        Iterator<Map.Entry<String, ArrayDeque<Waiting>>> agents = queues.entrySet().iterator();
        while (agents.hasNext()) {
            Map.Entry<String, ArrayDeque<Waiting>> e = agents.next();
            ArrayDeque<Waiting> q = e.getValue();
            // FIFO per agent: the oldest are at the head, so stop at the first one still in time.
            while (!q.isEmpty() && now - q.peekFirst().enqueuedAt() >= limits.queueTimeoutNanos()) {
                Waiting w = q.pollFirst();
                waitingById.remove(w.id());
                out.add(new Expired(w.id(), w.agent(), now - w.enqueuedAt()));
            }
            if (q.isEmpty()) {
                agents.remove();
                ring.remove(e.getKey());
            }
        }
        out.sort((a, b) -> Long.compare(b.waitedNanos(), a.waitedNanos()));
        return out;
    }

    public boolean isRunning(long id) {
        return runningSince.containsKey(id);
    }

    public boolean isQueued(long id) {
        return waitingById.containsKey(id);
    }

    public SchedulerSnapshot snapshot() {
        Map<String, Integer> byAgent = new TreeMap<>();
        queues.forEach((agent, q) -> byAgent.put(agent, q.size()));
        return new SchedulerSnapshot(runningSince.size(), waitingById.size(), Map.copyOf(byAgent));
    }

    private List<Grant> dispatch(long now) {
        List<Grant> started = new ArrayList<>();
        while (runningSince.size() < limits.maxConcurrent() && !ring.isEmpty()) {
            String agent = ring.pollFirst();
            ArrayDeque<Waiting> q = queues.get(agent);
            Waiting w = q.pollFirst();
            if (q.isEmpty()) {
                queues.remove(agent);
            } else {
                ring.addLast(agent);
            }
            waitingById.remove(w.id());
            runningSince.put(w.id(), now);
            started.add(new Grant(w.id(), agent, now - w.enqueuedAt()));
        }
        return started;
    }

    /**
     * A hint for Retry-After: the time for the requests ahead to drain through the slots, at least
     * one second and never more than the queue timeout (after which waiting is pointless anyway).
     */
    private long retryAfterSeconds(int ahead) {
        double perRequest = serviceNanosEwma == 0 ? 1e9 : serviceNanosEwma;
        double nanos = perRequest * (ahead + 1) / limits.maxConcurrent();
        long secs = (long) Math.ceil(nanos / 1e9);
        long cap = Math.max(1, limits.queueTimeoutNanos() / 1_000_000_000L);
        return Math.max(1, Math.min(secs, cap));
    }
}
