package dev.mowai.arena.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.mowai.arena.protocol.ArenaEvent;
import dev.mowai.arena.protocol.Outbound;
import org.junit.jupiter.api.Test;

class EventRingTest {

    static ArenaEvent event(long seq) {
        return Outbound.globalTask(seq, "t" + seq, "task " + seq, seq);
    }

    static EventRing ring(int capacity, long... seqs) {
        EventRing r = new EventRing(capacity, 0);
        for (long s : seqs) {
            r.add(event(s));
        }
        return r;
    }

    @Test
    void heldEventsAreFoundAndLaterOnesAreAhead() {
        EventRing r = ring(4, 1, 2, 3);
        assertEquals(2, ((EventRing.Lookup.Found) r.lookup(2)).event().arenaSeq());
        assertInstanceOf(EventRing.Lookup.Ahead.class, r.lookup(4));
    }

    @Test
    void eventsPushedOutByNewerOnesAreOverwritten() {
        EventRing r = ring(4, 1, 2, 3, 4, 5, 6);
        assertInstanceOf(EventRing.Lookup.Overwritten.class, r.lookup(2));
        assertInstanceOf(EventRing.Lookup.Overwritten.class, r.lookup(1));
        assertEquals(3, ((EventRing.Lookup.Found) r.lookup(3)).event().arenaSeq());
    }

    @Test
    void aHoleIsMissingNotOverwrittenAndReportsWhereItEnds() {
        EventRing r = ring(8, 1, 2, 5, 6); // 3 and 4 were never recorded
        assertEquals(new EventRing.Lookup.Missing(4), r.lookup(3));
        assertEquals(new EventRing.Lookup.Missing(4), r.lookup(4));
        assertEquals(5, ((EventRing.Lookup.Found) r.lookup(5)).event().arenaSeq());
    }

    @Test
    void aHoleOverAStaleSlotIsStillMissing() {
        // capacity 4: slot of 7 still holds 3 from the previous lap; 7 itself was never added
        EventRing r = ring(4, 3, 4, 5, 6, 8);
        assertEquals(new EventRing.Lookup.Missing(7), r.lookup(7));
        assertInstanceOf(EventRing.Lookup.Overwritten.class, r.lookup(4));
    }

    @Test
    void theOldestHeldSkipsALeadingHole() {
        EventRing r = ring(8, 6, 9, 10); // after a restart: 7 and 8 torn
        assertEquals(6, r.oldest());
        assertEquals(new EventRing.Lookup.Missing(8), r.lookup(7));
    }
}
