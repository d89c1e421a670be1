package dev.mowai.runner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    /** Long-call deadlines, fired by the test. */
    final List<Runnable> deadlines = new ArrayList<>();
    final Deadlines manual = (delay, action) -> {
        synchronized (deadlines) {
            deadlines.add(action);
        }
        return () -> { };
    };
    final CountDownLatch release = new CountDownLatch(1);
    WorkerPool pool;

    @AfterEach
    void close() {
        release.countDown();
        pool.close(Duration.ofSeconds(5));
    }

    void fire() {
        List<Runnable> due;
        synchronized (deadlines) {
            due = List.copyOf(deadlines);
            deadlines.clear();
        }
        due.forEach(Runnable::run);
    }

    Runnable blocker(CountDownLatch started) {
        return () -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void twoLongCallsOnTwoWorkersNoLongerHoldAGoodAgentsCall() throws Exception {
        pool = new WorkerPool(2, 2, Duration.ofSeconds(1), manual, Thread::new);
        CountDownLatch looping = new CountDownLatch(2);
        pool.execute(blocker(looping));
        pool.execute(blocker(looping));
        assertTrue(looping.await(30, TimeUnit.SECONDS));
        CountDownLatch good = new CountDownLatch(1);
        pool.execute(good::countDown);
        assertEquals(1, pool.queued(), "both workers are held");
        fire(); // both loopers passed long-call-after: they move to the lanes
        assertTrue(good.await(30, TimeUnit.SECONDS), "the good call ran while both loopers still run");
    }

    @Test
    void whenTheLanesAreTakenALongCallKeepsItsWorker() throws Exception {
        pool = new WorkerPool(1, 1, Duration.ofSeconds(1), manual, Thread::new);
        CountDownLatch first = new CountDownLatch(1);
        pool.execute(blocker(first));
        assertTrue(first.await(30, TimeUnit.SECONDS));
        CountDownLatch second = new CountDownLatch(1);
        pool.execute(blocker(second));
        fire();
        assertTrue(second.await(30, TimeUnit.SECONDS));
        CountDownLatch third = new CountDownLatch(1);
        pool.execute(third::countDown);
        fire(); // the only lane is taken: the second call keeps the worker
        assertEquals(1, pool.queued());
        release.countDown();
        assertTrue(third.await(30, TimeUnit.SECONDS));
    }

    @Test
    void aClosedPoolRefusesCalls() {
        pool = new WorkerPool(1, 0, Duration.ofSeconds(1), manual, Thread::new);
        pool.close(Duration.ZERO);
        assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
    }
}
