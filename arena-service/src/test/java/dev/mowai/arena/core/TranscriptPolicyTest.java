package dev.mowai.arena.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.arena.core.TranscriptPolicy.Step;
import dev.mowai.arena.core.TranscriptPolicy.Sync;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptPolicyTest {

    static final long SEC = 1_000_000_000L;

    static TranscriptPolicy sync(Sync mode) {
        return new TranscriptPolicy(mode, SEC, 0, 0);
    }

    @Test
    void alwaysForcesAfterEveryAppendAndNeverOnTicks() {
        TranscriptPolicy p = sync(Sync.ALWAYS);
        for (long elapsed : new long[] {0, 1, SEC - 1, SEC, 100 * SEC}) {
            assertTrue(p.syncAfterAppend(1000 + elapsed, 1000));
            assertFalse(p.syncOnTick(1000 + elapsed, 1000, true), "nothing is ever left pending");
            assertFalse(p.syncOnTick(1000 + elapsed, 1000, false));
        }
    }

    @Test
    void neverForcesNeither() {
        TranscriptPolicy p = sync(Sync.NEVER);
        for (long elapsed : new long[] {0, SEC, 100 * SEC}) {
            assertFalse(p.syncAfterAppend(elapsed, 0));
            assertFalse(p.syncOnTick(elapsed, 0, true));
        }
    }

    @Test
    void intervalForcesOncePerIntervalOnAppendOrTickAndOnlyWithPendingLinesOnTicks() {
        TranscriptPolicy p = sync(Sync.INTERVAL);
        assertFalse(p.syncAfterAppend(SEC - 1, 0));
        assertTrue(p.syncAfterAppend(SEC, 0));
        assertTrue(p.syncAfterAppend(5 * SEC, 0));
        assertFalse(p.syncOnTick(SEC - 1, 0, true));
        assertTrue(p.syncOnTick(SEC, 0, true));
        assertFalse(p.syncOnTick(5 * SEC, 0, false), "nothing pending, nothing to force");
        // Works with nanoTime's arbitrary, possibly negative origin.
        assertTrue(p.syncAfterAppend(Long.MIN_VALUE + 2 * SEC, Long.MIN_VALUE + SEC));
        assertFalse(p.syncAfterAppend(-SEC / 2, -SEC));
    }

    @Test
    void rotatesAtMaxBytesOnlyWhenHalfTheFileIsNew() {
        TranscriptPolicy p = new TranscriptPolicy(Sync.NEVER, 0, 1000, 2);
        assertFalse(p.rotate(999, 0));
        assertTrue(p.rotate(1000, 0));
        assertTrue(p.rotate(1000, 500));
        assertFalse(p.rotate(1000, 501), "a large head waits for as much new data");
        assertFalse(p.rotate(1500, 800));
        assertTrue(p.rotate(1600, 800));
        assertFalse(new TranscriptPolicy(Sync.NEVER, 0, 0, 2).rotate(Long.MAX_VALUE / 2, 0), "0: never rotate");
    }

    @Test
    void rotationShiftsKeptFilesUpAndDropsTheOldest() {
        assertEquals(List.of(new Step.Delete("transcript.3.jsonl"),
                new Step.Rename("transcript.2.jsonl", "transcript.3.jsonl"),
                new Step.Rename("transcript.1.jsonl", "transcript.2.jsonl"),
                new Step.Rename("transcript.jsonl", "transcript.1.jsonl")),
                new TranscriptPolicy(Sync.NEVER, 0, 1, 3).rotationSteps("transcript.jsonl"));
        assertEquals(List.of(new Step.Delete("transcript.1.jsonl"), new Step.Rename("transcript.jsonl", "transcript.1.jsonl")),
                new TranscriptPolicy(Sync.NEVER, 0, 1, 1).rotationSteps("transcript.jsonl"));
        assertEquals(List.of(new Step.Delete("transcript.jsonl")), new TranscriptPolicy(Sync.NEVER, 0, 1, 0).rotationSteps("transcript.jsonl"));
        assertEquals("log.4", TranscriptPolicy.rotatedName("log", 4));
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TranscriptPolicy(Sync.INTERVAL, 0, 0, 0))
                .getMessage().contains("mowai.transcript.fsync-interval"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TranscriptPolicy(Sync.NEVER, 0, -1, 0))
                .getMessage().contains("mowai.transcript.max-bytes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TranscriptPolicy(Sync.NEVER, 0, 0, -1))
                .getMessage().contains("mowai.transcript.keep-files"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TranscriptPolicy(null, 0, 0, 0))
                .getMessage().contains("mowai.transcript.fsync"));
    }
}
