package dev.mowai.gateway.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FairSchedulerTest {

    private static final long SEC = 1_000_000_000L;

    private static FairScheduler scheduler(int cap, int perAgent, int total) {
        return new FairScheduler(new SchedulerLimits(cap, perAgent, total, 10 * SEC));
    }

    /** Submits requests 1, 2, … of the given agents, in order, at time 0: the first ones run, the rest wait. */
    private static FairScheduler submitted(FairScheduler s, String... agents) {
        for (int i = 0; i < agents.length; i++) s.submit(i + 1, agents[i], 0);
        return s;
    }

    @Test
    void startsImmediatelyWhileSlotsAreFree() {
        FairScheduler s = scheduler(2, 5, 100);
        assertInstanceOf(Admission.Started.class, s.submit(1, "a", 0));
        assertInstanceOf(Admission.Started.class, s.submit(2, "a", 0));
        Admission third = s.submit(3, "a", 0);
        assertEquals(new Admission.Queued(3, 0), third);
        assertEquals(new SchedulerSnapshot(2, 1, Map.of("a", 1)), s.snapshot());
    }

    @Test
    void greedyAgentDoesNotStarveTenOthers() {
        // The scenario: one agent queues 50, ten agents queue one each, two slots.
        FairScheduler s = scheduler(2, 100, 1000);
        long id = 0;
        List<Long> greedy = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            greedy.add(++id);
            s.submit(id, "greedy", 0);
        }
        Map<Long, String> owner = new HashMap<>();
        for (int a = 0; a < 10; a++) {
            owner.put(++id, "agent-" + a);
            s.submit(id, "agent-" + a, 0);
        }
        List<String> served = new ArrayList<>(List.of("greedy", "greedy"));
        ArrayDeque<Long> running = new ArrayDeque<>(List.of(greedy.get(0), greedy.get(1)));
        long now = 1;
        while (!running.isEmpty()) {
            long done = running.poll();
            for (Grant g : s.release(done, now++)) {
                served.add(g.agent());
                running.add(g.id());
            }
        }
        assertEquals(60, served.size());
        int greedyFifth = indexOfNth(served, "greedy", 5);
        for (int a = 0; a < 10; a++) {
            assertTrue(served.indexOf("agent-" + a) < greedyFifth, "agent-" + a + " served after greedy's fifth: " + served);
        }
    }

    @Test
    void roundRobinServesAgentsInTurnAndFifoWithinAnAgent() {
        FairScheduler s = submitted(scheduler(1, 10, 100), "x", "a", "a", "b", "a", "c");
        List<Long> order = new ArrayList<>();
        long running = 1;
        for (int i = 0; i < 5; i++) {
            List<Grant> g = s.release(running, i + 1);
            assertEquals(1, g.size());
            running = g.get(0).id();
            order.add(running);
        }
        assertEquals(List.of(2L, 4L, 6L, 3L, 5L), order);
        assertTrue(s.release(running, 9).isEmpty());
        assertEquals(new SchedulerSnapshot(0, 0, Map.of()), s.snapshot());
    }

    @Test
    void grantReportsTheTimeWaited() {
        FairScheduler s = scheduler(1, 10, 100);
        s.submit(1, "a", 0);
        s.submit(2, "b", 3 * SEC);
        List<Grant> g = s.release(1, 5 * SEC);
        assertEquals(List.of(new Grant(2, "b", 2 * SEC)), g);
    }

    @Test
    void perAgentQueueCapRejectsOnlyThatAgent() {
        FairScheduler s = submitted(scheduler(1, 2, 100), "a", "a", "a");
        Admission r = s.submit(4, "a", 0);
        Admission.Rejected rej = assertInstanceOf(Admission.Rejected.class, r);
        assertEquals(Admission.Reason.AGENT_QUEUE_FULL, rej.reason());
        assertTrue(rej.retryAfterSeconds() >= 1);
        assertInstanceOf(Admission.Queued.class, s.submit(5, "b", 0));
        assertFalse(s.isQueued(4));
        assertFalse(s.isRunning(4));
    }

    @Test
    void totalQueueCapRejectsEveryone() {
        FairScheduler s = submitted(scheduler(1, 10, 2), "a", "a", "b");
        Admission.Rejected r = assertInstanceOf(Admission.Rejected.class, s.submit(4, "c", 0));
        assertEquals(Admission.Reason.GATEWAY_QUEUE_FULL, r.reason());
    }

    @Test
    void zeroQueueMeansRejectWhenBusy() {
        FairScheduler s = scheduler(1, 0, 0);
        s.submit(1, "a", 0);
        assertInstanceOf(Admission.Rejected.class, s.submit(2, "b", 0));
    }

    @Test
    void retryAfterGrowsWithObservedServiceTimeAndIsCappedByQueueTimeout() {
        FairScheduler s = new FairScheduler(new SchedulerLimits(1, 1, 100, 30 * SEC));
        s.submit(1, "a", 0);
        s.release(1, 4 * SEC); // one sample: 4 s per request
        s.submit(2, "a", 4 * SEC);
        s.submit(3, "a", 4 * SEC);
        Admission.Rejected r = assertInstanceOf(Admission.Rejected.class, s.submit(4, "a", 4 * SEC));
        assertEquals(8, r.retryAfterSeconds()); // one ahead + itself, 4 s each, one slot
        FairScheduler slow = new FairScheduler(new SchedulerLimits(1, 1, 100, 30 * SEC));
        slow.submit(1, "a", 0);
        slow.release(1, 1000 * SEC);
        slow.submit(2, "a", 0);
        slow.submit(3, "a", 0);
        assertEquals(30, assertInstanceOf(Admission.Rejected.class, slow.submit(4, "a", 0)).retryAfterSeconds());
    }

    @Test
    void cancelQueuedRemovesTheRequestAndTheAgentFromTheRing() {
        FairScheduler s = submitted(scheduler(1, 10, 100), "x", "a", "b");
        assertTrue(s.cancelQueued(2));
        assertFalse(s.cancelQueued(2));
        assertFalse(s.cancelQueued(1), "running requests are not cancelled through the queue");
        assertEquals(List.of(new Grant(3, "b", 1)), s.release(1, 1));
        assertEquals(new SchedulerSnapshot(1, 0, Map.of()), s.snapshot());
    }

    @Test
    void cancelInTheMiddleKeepsFifoOrder() {
        FairScheduler s = submitted(scheduler(1, 10, 100), "x", "a", "a", "a");
        assertTrue(s.cancelQueued(3));
        assertEquals(2L, s.release(1, 1).get(0).id());
        assertEquals(4L, s.release(2, 2).get(0).id());
    }

    @Test
    void expireDropsOnlyRequestsPastTheQueueTimeout() {
        FairScheduler s = submitted(scheduler(1, 10, 100), "x", "a");
        s.submit(3, "a", 5 * SEC);
        s.submit(4, "b", 1 * SEC);
        assertEquals(List.of(), s.expire(9 * SEC));
        List<Expired> gone = s.expire(11 * SEC);
        assertEquals(List.of(new Expired(2, "a", 11 * SEC), new Expired(4, "b", 10 * SEC)), gone);
        assertEquals(new SchedulerSnapshot(1, 1, Map.of("a", 1)), s.snapshot());
        assertEquals(3L, s.release(1, 12 * SEC).get(0).id());
        assertEquals(List.of(), s.expire(100 * SEC), "running requests never expire from the queue");
    }

    @Test
    void releasingUnknownOrTwiceIsHarmless() {
        FairScheduler s = submitted(scheduler(1, 10, 100), "a", "a");
        assertEquals(1, s.release(1, 1).size());
        assertEquals(List.of(), s.release(1, 2));
        assertEquals(List.of(), s.release(99, 2));
        assertEquals(new SchedulerSnapshot(1, 0, Map.of()), s.snapshot());
    }

    @Test
    void rejectsDuplicateIdsAndEmptyAgents() {
        FairScheduler s = submitted(scheduler(1, 10, 100), "a", "a");
        assertThrows(IllegalArgumentException.class, () -> s.submit(1, "b", 0));
        assertThrows(IllegalArgumentException.class, () -> s.submit(2, "b", 0));
        assertThrows(IllegalArgumentException.class, () -> s.submit(3, "", 0));
        assertThrows(IllegalArgumentException.class, () -> new SchedulerLimits(0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SchedulerLimits(1, 1, 1, 0));
    }

    @Test
    void agentRejoiningAfterItsQueueEmptiedGoesToTheBack() {
        FairScheduler s = submitted(scheduler(1, 10, 100), "x", "a", "b");
        assertEquals(2L, s.release(1, 1).get(0).id()); // a served, a leaves the ring
        s.submit(4, "a", 1);                           // a comes back behind b
        s.submit(5, "c", 1);
        assertEquals(3L, s.release(2, 2).get(0).id());
        assertEquals(4L, s.release(3, 3).get(0).id());
        assertEquals(5L, s.release(4, 4).get(0).id());
    }

    @Test
    void randomisedInvariantsHold() {
        // Model check: random submits/cancels/releases/expiries never exceed the cap, never lose or
        // duplicate a request, and never leave a slot idle while someone waits.
        Random rnd = new Random(42);
        for (int round = 0; round < 200; round++) {
            int cap = 1 + rnd.nextInt(4);
            FairScheduler s = new FairScheduler(new SchedulerLimits(cap, 1 + rnd.nextInt(5), 1 + rnd.nextInt(20), 50));
            List<Long> running = new ArrayList<>();
            List<Long> queued = new ArrayList<>();
            long now = 0;
            long next = 0;
            for (int step = 0; step < 300; step++) {
                now += rnd.nextInt(5);
                int op = rnd.nextInt(4);
                if (op == 0) {
                    long id = ++next;
                    switch (s.submit(id, "agent-" + rnd.nextInt(6), now)) {
                        case Admission.Started st -> running.add(id);
                        case Admission.Queued q -> queued.add(id);
                        case Admission.Rejected r -> { }
                    }
                } else if (op == 1 && !running.isEmpty()) {
                    long id = running.remove(rnd.nextInt(running.size()));
                    for (Grant g : s.release(id, now)) {
                        assertTrue(queued.remove(g.id()), "granted a request that was not queued");
                        running.add(g.id());
                    }
                } else if (op == 2 && !queued.isEmpty()) {
                    long id = queued.get(rnd.nextInt(queued.size()));
                    assertTrue(s.cancelQueued(id));
                    queued.remove(id);
                } else {
                    for (Expired e : s.expire(now)) assertTrue(queued.remove(e.id()));
                }
                SchedulerSnapshot snap = s.snapshot();
                assertEquals(running.size(), snap.running());
                assertEquals(queued.size(), snap.queued());
                assertTrue(snap.running() <= cap);
                assertTrue(snap.queued() == 0 || snap.running() == cap, "a slot is idle while requests wait");
                for (long id : running) assertTrue(s.isRunning(id));
                for (long id : queued) assertTrue(s.isQueued(id));
            }
        }
    }

    private static int indexOfNth(List<String> list, String value, int n) {
        int seen = 0;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).equals(value) && ++seen == n) return i;
        }
        throw new AssertionError(value + " served fewer than " + n + " times");
    }
}
