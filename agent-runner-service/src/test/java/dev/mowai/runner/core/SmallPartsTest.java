package dev.mowai.runner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmallPartsTest {

    @Test
    void truncationKeepsShortTextAndMarksCutText() {
        assertEquals("hello", Truncation.fit("hello", 5));
        String cut = Truncation.fit("x".repeat(2000), 1024);
        assertEquals(1024, cut.length());
        assertTrue(cut.endsWith(Truncation.MARKER));
        assertTrue(Truncation.exceeds("abc", 2));
        assertFalse(Truncation.exceeds("ab", 2));
    }

    @Test
    void truncationNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String text = emoji.repeat(600);
        String cut = Truncation.fit(text, 1024);
        assertTrue(cut.length() <= 1024);
        String kept = cut.substring(0, cut.length() - Truncation.MARKER.length());
        assertFalse(Character.isHighSurrogate(kept.charAt(kept.length() - 1)));
        assertEquals(0, kept.length() % 2);
    }

    @Test
    void truncationToATinyLimitDropsTheMarker() {
        assertEquals("abc", Truncation.fit("abcdefghijklmnopqrstuvwxyz", 3));
    }

    @Test
    void rateWindowSlides() {
        RateWindow w = new RateWindow(2, 1000);
        assertTrue(w.tryAcquire(0));
        assertTrue(w.tryAcquire(10));
        assertFalse(w.tryAcquire(999));
        assertTrue(w.tryAcquire(1000), "the first event left the window");
        assertFalse(w.tryAcquire(1001));
    }

    @Test
    void rateWindowRecordCountsEventsInTheWindow() {
        RateWindow w = new RateWindow(Integer.MAX_VALUE, 100);
        assertEquals(1, w.record(0));
        assertEquals(2, w.record(50));
        assertEquals(2, w.record(120), "the event at 0 expired");
        w.clear();
        assertEquals(1, w.record(130));
    }

    @Test
    void backoffGrowsExponentiallyWithJitterAndIsCapped() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
        assertEquals(250, b.delay(1, 0.0).toMillis());
        assertEquals(499, b.delay(1, 0.999).toMillis());
        assertEquals(500, b.delay(2, 0.0).toMillis());
        assertEquals(1000, b.delay(3, 0.0).toMillis());
        assertEquals(15_000, b.delay(10, 0.0).toMillis());
        assertEquals(15_000, b.delay(1000, 0.0).toMillis(), "no overflow for huge attempt numbers");
        assertTrue(b.delay(1000, 0.99).toMillis() <= 30_000);
        assertThrows(IllegalArgumentException.class, () -> b.delay(0, 0));
    }
}
