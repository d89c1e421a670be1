package dev.mowai.arena.service;

import dev.mowai.arena.protocol.ArenaEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;

/**
 * The last {@code capacity} events by arenaSeq, shared by all spectators: one copy of each frame
 * however many spectators there are. Written by one thread at a time, read by many.
 */
final class EventRing {

    private final AtomicReferenceArray<ArenaEvent> slots;
    private volatile long latest;

    EventRing(int capacity, long latestSeq) {
        this.slots = new AtomicReferenceArray<>(capacity);
        this.latest = latestSeq;
    }

    int capacity() {
        return slots.length();
    }

    long latest() {
        return latest;
    }

    /** Oldest arenaSeq still held (latest + 1 when empty). */
    long oldest() {
        long oldest = Math.max(1, latest - capacity() + 1);
        while (oldest <= latest && get(oldest) == null) {
            oldest++;
        }
        return oldest;
    }

    void add(ArenaEvent e) {
        slots.set((int) (e.arenaSeq() % capacity()), e);
        latest = e.arenaSeq();
    }

    /** @return the event, or null if it is not published yet, already overwritten, or missing */
    ArenaEvent get(long seq) {
        ArenaEvent e = slots.get((int) (seq % capacity()));
        return e != null && e.arenaSeq() == seq ? e : null;
    }

    /** What the ring holds for one arenaSeq. */
    sealed interface Lookup {
        record Found(ArenaEvent event) implements Lookup {
        }

        /** Not published yet. */
        record Ahead() implements Lookup {
        }

        /** Pushed out by newer events: the reader fell too far behind. */
        record Overwritten() implements Lookup {
        }

        /**
         * Never held: a hole in the sequence (a torn transcript line, events not written while the disk
         * was full). {@code lastMissing} is the end of the hole; what follows it is held or ahead.
         */
        record Missing(long lastMissing) implements Lookup {
        }
    }

    Lookup lookup(long seq) {
        long newest = latest;
        if (seq > newest) {
            return new Lookup.Ahead();
        }
        ArenaEvent e = get(seq);
        if (e != null) {
            return new Lookup.Found(e);
        }
        if (seq <= newest - capacity() || overwritten(seq)) {
            return new Lookup.Overwritten();
        }
        long end = seq;
        while (end < newest && get(end + 1) == null && !overwritten(end + 1)) {
            end++;
        }
        return new Lookup.Missing(end);
    }

    /** Its slot holds a newer event than {@code seq}. */
    private boolean overwritten(long seq) {
        ArenaEvent e = slots.get((int) (seq % capacity()));
        return e != null && e.arenaSeq() > seq;
    }

    /** The newest {@code max} events matching, oldest first. */
    List<ArenaEvent> recent(Predicate<ArenaEvent> match, int max) {
        List<ArenaEvent> out = new ArrayList<>();
        for (long s = latest; s >= 1 && s > latest - capacity() && out.size() < max; s--) {
            ArenaEvent e = get(s);
            if (e != null && match.test(e)) {
                out.add(e);
            }
        }
        return out.reversed();
    }
}
