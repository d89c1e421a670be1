package dev.mowai.runner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyedRateLimiterTest {

    final AtomicLong now = new AtomicLong();

    KeyedRateLimiter limiter(int permits, Duration period) {
        return new KeyedRateLimiter(permits, period, now::get);
    }

    static boolean allowed(KeyedRateLimiter.Decision d) {
        return d instanceof KeyedRateLimiter.Decision.Allowed;
    }

    static Duration retryAfter(KeyedRateLimiter.Decision d) {
        return assertInstanceOf(KeyedRateLimiter.Decision.Refused.class, d).retryAfter();
    }

    void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void anIdleKeyMayUseAllItsPermitsAtOnceAndTheNextIsRefusedForOneInterval() {
        KeyedRateLimiter l = limiter(3, Duration.ofSeconds(60));
        for (int i = 0; i < 3; i++) {
            assertTrue(allowed(l.tryAcquire("a")), "call " + i);
        }
        assertEquals(Duration.ofSeconds(20), retryAfter(l.tryAcquire("a")));
        advance(Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(15), retryAfter(l.tryAcquire("a")), "a refusal takes no token and the wait shrinks");
    }

    @Test
    void tokensRefillOneIntervalAtATime() {
        KeyedRateLimiter l = limiter(3, Duration.ofSeconds(60));
        for (int i = 0; i < 3; i++) {
            l.tryAcquire("a");
        }
        advance(Duration.ofSeconds(20).minusNanos(1));
        assertEquals(Duration.ofNanos(1), retryAfter(l.tryAcquire("a")));
        advance(Duration.ofNanos(1));
        assertTrue(allowed(l.tryAcquire("a")));
        assertEquals(Duration.ofSeconds(20), retryAfter(l.tryAcquire("a")));
        advance(Duration.ofSeconds(40));
        assertTrue(allowed(l.tryAcquire("a")));
        assertTrue(allowed(l.tryAcquire("a")));
        assertTrue(retryAfter(l.tryAcquire("a")).toSeconds() == 20, "two intervals gave two tokens, no more");
    }

    @Test
    void aLongIdleBucketHoldsNoMoreThanItsPermits() {
        KeyedRateLimiter l = limiter(2, Duration.ofSeconds(10));
        l.tryAcquire("a");
        advance(Duration.ofHours(5));
        assertTrue(allowed(l.tryAcquire("a")));
        assertTrue(allowed(l.tryAcquire("a")));
        assertEquals(Duration.ofSeconds(5), retryAfter(l.tryAcquire("a")));
    }

    @Test
    void keysAreIndependent() {
        KeyedRateLimiter l = limiter(1, Duration.ofMinutes(1));
        assertTrue(allowed(l.tryAcquire("spammer")));
        for (int i = 0; i < 100; i++) {
            l.tryAcquire("spammer");
        }
        assertTrue(allowed(l.tryAcquire("bystander")));
        assertEquals(Duration.ofMinutes(1), retryAfter(l.tryAcquire("bystander")));
    }

    @Test
    void aSustainedSpammerGetsExactlyTheRate() {
        KeyedRateLimiter l = limiter(10, Duration.ofSeconds(60));
        int allowed = 0;
        for (int ms = 0; ms < 600_000; ms += 100) { // ten calls a second for ten minutes
            now.set(Duration.ofMillis(ms).toNanos());
            allowed += allowed(l.tryAcquire("s")) ? 1 : 0;
        }
        assertEquals(10 + 99, allowed, "the burst, then one every six seconds");
    }

    @Test
    void aPatientClientThatWaitsAsToldIsAlwaysServed() {
        KeyedRateLimiter l = limiter(4, Duration.ofSeconds(60));
        for (int i = 0; i < 50; i++) {
            KeyedRateLimiter.Decision d = l.tryAcquire("p");
            if (!allowed(d)) {
                advance(retryAfter(d));
                assertTrue(allowed(l.tryAcquire("p")), "after the Retry-After, call " + i);
            }
        }
    }

    @Test
    void zeroPermitsMeansNoLimit() {
        KeyedRateLimiter l = limiter(0, Duration.ofMinutes(1));
        for (int i = 0; i < 10_000; i++) {
            assertTrue(allowed(l.tryAcquire("x")));
        }
        assertEquals(0, l.keys());
    }

    @Test
    void aNegativeOrWrappingClockWorks() {
        now.set(Long.MAX_VALUE - Duration.ofSeconds(1).toNanos());
        KeyedRateLimiter l = limiter(1, Duration.ofSeconds(2));
        assertTrue(allowed(l.tryAcquire("w")));
        advance(Duration.ofSeconds(1)); // the clock wraps to negative values after this
        assertEquals(Duration.ofSeconds(1), retryAfter(l.tryAcquire("w")));
        advance(Duration.ofSeconds(1));
        assertTrue(allowed(l.tryAcquire("w")));
    }

    @Test
    void refilledKeysAreForgottenSoManyAddressesCannotFillTheMemory() {
        KeyedRateLimiter l = limiter(2, Duration.ofSeconds(10));
        for (int i = 0; i < 5000; i++) {
            l.tryAcquire("addr-" + i);
            advance(Duration.ofMillis(100));
        }
        // Each key refills within 5 s (one token): at most ~50 keys are not yet full; sweeps run as the table doubles.
        assertTrue(l.keys() <= 2 * 1024, "keys kept: " + l.keys());
        assertTrue(l.keys() >= 50);
    }

    @Test
    void concurrentCallersNeverGetMoreThanThePermits() throws Exception {
        KeyedRateLimiter l = new KeyedRateLimiter(100, Duration.ofDays(1), () -> 0L);
        AtomicInteger allowed = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 1000; i++) {
                    if (allowed(l.tryAcquire("shared"))) {
                        allowed.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(100, allowed.get());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> limiter(-1, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> limiter(1, Duration.ZERO));
        assertEquals(5, limiter(5, Duration.ofMinutes(2)).permits());
        assertEquals(Duration.ofMinutes(2), limiter(5, Duration.ofMinutes(2)).period());
    }
}
