package dev.mowai.runner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MailboxTest {

    private final ManualExecutor pool = new ManualExecutor();
    private final List<String> ran = new ArrayList<>();
    private final List<String> discarded = new ArrayList<>();

    private Mailbox<String> mailbox(String prefix, int capacity) {
        return new Mailbox<>(pool, capacity, s -> s.startsWith("peer"), s -> ran.add(prefix + s), discarded::add);
    }

    @Test
    void runsItemsInOrderOneTurnPerPoolSlot() {
        Mailbox<String> box = mailbox("", 10);
        box.offer("a");
        box.offer("b");
        assertEquals(1, pool.queued(), "one turn is scheduled however many items wait");
        pool.runNext();
        assertEquals(List.of("a"), ran);
        assertEquals(1, pool.queued(), "the next item waits for its own turn");
        pool.runAll();
        assertEquals(List.of("a", "b"), ran);
        assertEquals(0, box.pending());
    }

    @Test
    void aBusyAgentTakesTurnsWithTheOthers() {
        Mailbox<String> busy = mailbox("A:", 100);
        Mailbox<String> quiet = mailbox("B:", 100);
        for (int i = 1; i <= 5; i++) {
            busy.offer("task" + i);
        }
        quiet.offer("task1");
        pool.runAll();
        assertEquals(List.of("A:task1", "B:task1", "A:task2", "A:task3", "A:task4", "A:task5"), ran);
    }

    @Test
    void whenFullPeerThoughtsAreRefusedAndTasksEvictTheOldestPeerThought() {
        Mailbox<String> box = mailbox("", 2);
        assertEquals(Mailbox.Offer.ACCEPTED, box.offer("peer1"));
        assertEquals(Mailbox.Offer.ACCEPTED, box.offer("peer2"));
        assertEquals(Mailbox.Offer.REFUSED_FULL, box.offer("peer3"));
        assertEquals(Mailbox.Offer.ACCEPTED_EVICTING_OLDEST, box.offer("task1"));
        assertEquals(List.of("peer1"), discarded);
        assertEquals(Mailbox.Offer.ACCEPTED_EVICTING_OLDEST, box.offer("task2"));
        assertEquals(Mailbox.Offer.REFUSED_FULL, box.offer("task3"), "no peer thought left to evict");
        pool.runAll();
        assertEquals(List.of("task1", "task2"), ran);
    }

    @Test
    void closeDiscardsPendingItemsAndRunsTheFinalizerAfterTheRunningItem() {
        List<String> events = new ArrayList<>();
        Mailbox<String>[] self = new Mailbox[1];
        self[0] = new Mailbox<>(pool, 10, s -> false, s -> {
            events.add("run " + s);
            if (s.equals("a")) {
                self[0].close(() -> events.add("finalized"));
                events.add("closed during a");
            }
        }, s -> events.add("discarded " + s));
        self[0].offer("a");
        self[0].offer("b");
        pool.runAll();
        assertEquals(List.of("run a", "discarded b", "closed during a", "finalized"), events);
        assertEquals(Mailbox.Offer.REFUSED_CLOSED, self[0].offer("c"));
    }

    @Test
    void closeWhenIdleRunsTheFinalizerOnThePool() {
        Mailbox<String> box = mailbox("", 4);
        AtomicBoolean finalized = new AtomicBoolean();
        box.close(() -> finalized.set(true));
        assertFalse(finalized.get());
        pool.runAll();
        assertTrue(finalized.get());
    }

    @Test
    void closeWhileATurnWaitsInThePoolStillFinalizes() {
        Mailbox<String> box = mailbox("", 4);
        box.offer("a");
        AtomicBoolean finalized = new AtomicBoolean();
        box.close(() -> finalized.set(true));
        pool.runAll();
        assertTrue(finalized.get());
        assertEquals(List.of(), ran);
        assertEquals(List.of("a"), discarded);
    }

    @Test
    void aFailingItemDoesNotStopTheMailbox() {
        Mailbox<String> box = new Mailbox<>(pool, 4, s -> false, s -> {
            if (s.equals("bad")) {
                throw new IllegalStateException("boom");
            }
            ran.add(s);
        }, discarded::add);
        box.offer("bad");
        box.offer("good");
        pool.runAll();
        assertEquals(List.of("good"), ran);
    }

    @Test
    void capacityMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> mailbox("", 0));
    }

    @Test
    void onARealPoolCallsIntoOneMailboxNeverOverlapAndABlockedAgentDoesNotStarveOthers() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger blockedRan = new AtomicInteger();
            CountDownLatch blockedStarted = new CountDownLatch(1);
            Mailbox<Integer> blocked = new Mailbox<>(threads, 1000, i -> false, i -> {
                blockedRan.incrementAndGet();
                blockedStarted.countDown();
                await(release);
            }, i -> { });
            blocked.offer(0);
            blocked.offer(1);
            // the blocked agent must hold its pool thread before the others start, or they could all finish
            // before it ran once and the test would prove nothing (and failed so under load)
            assertTrue(blockedStarted.await(30, TimeUnit.SECONDS), "the blocked agent started");

            int agents = 5;
            int items = 400;
            CountDownLatch done = new CountDownLatch(agents * items);
            AtomicInteger overlaps = new AtomicInteger();
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            for (int a = 0; a < agents; a++) {
                AtomicInteger inside = new AtomicInteger();
                Mailbox<Integer> box = new Mailbox<>(threads, 1000, i -> false, i -> {
                    if (inside.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    order.add(i);
                    inside.decrementAndGet();
                    done.countDown();
                }, i -> { });
                for (int i = 0; i < items; i++) {
                    box.offer(i);
                }
            }
            assertTrue(done.await(30, TimeUnit.SECONDS), "the other agents finished while one agent was blocked");
            assertEquals(0, overlaps.get());
            assertEquals(1, blockedRan.get(), "the blocked agent's second call waits for its first");
            release.countDown();
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
