package dev.mowai.runner.core;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The queue of calls into one agent. At most one item of a mailbox runs at a time, so calls into an
 * agent are serialised; after each item the mailbox goes back to the end of the shared pool's queue,
 * so an agent with many pending calls takes turns with the others instead of starving them.
 *
 * <p>Capacity is bounded. When full, a new sheddable item (a peer thought) is refused; a new
 * non-sheddable item (a task) evicts the oldest sheddable one, or is refused when there is none.
 *
 * @param <T> the kind of work
 */
public final class Mailbox<T> {

    /** What happened to an offered item. */
    public enum Offer { ACCEPTED, ACCEPTED_EVICTING_OLDEST, REFUSED_FULL, REFUSED_CLOSED }

    private final Executor pool;
    private final int capacity;
    private final Predicate<T> sheddable;
    private final Consumer<T> handler;
    private final Consumer<T> onDiscard;
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private boolean scheduled;
    private boolean closed;
    private Runnable finalizer;

    /**
     * @param handler   runs one item; exceptions it throws are contained here
     * @param onDiscard told about every item that will never run (evicted, or pending at close)
     */
    public Mailbox(Executor pool, int capacity, Predicate<T> sheddable, Consumer<T> handler, Consumer<T> onDiscard) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.pool = pool;
        this.capacity = capacity;
        this.sheddable = sheddable;
        this.handler = handler;
        this.onDiscard = onDiscard;
    }

    public Offer offer(T item) {
        T evicted = null;
        Offer result;
        boolean schedule;
        synchronized (this) {
            if (closed) {
                return Offer.REFUSED_CLOSED;
            }
            if (queue.size() >= capacity) {
                if (sheddable.test(item)) {
                    return Offer.REFUSED_FULL;
                }
                evicted = removeOldestSheddable();
                if (evicted == null) {
                    return Offer.REFUSED_FULL;
                }
                result = Offer.ACCEPTED_EVICTING_OLDEST;
            } else {
                result = Offer.ACCEPTED;
            }
            queue.addLast(item);
            schedule = !scheduled;
            scheduled = true;
        }
        if (evicted != null) {
            onDiscard.accept(evicted);
        }
        if (schedule) {
            pool.execute(this::runOne);
        }
        return result;
    }

    /**
     * Refuses new items and discards the pending ones; an item already running finishes, and then
     * {@code finalizer} runs on the pool (at once when nothing runs). Only the first close counts.
     */
    public void close(Runnable finalizer) {
        ArrayDeque<T> dropped;
        boolean runNow;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            dropped = new ArrayDeque<>(queue);
            queue.clear();
            runNow = !scheduled;
            if (!runNow) {
                this.finalizer = finalizer;
            }
        }
        dropped.forEach(onDiscard);
        if (runNow) {
            pool.execute(finalizer);
        }
    }

    public synchronized int pending() {
        return queue.size();
    }

    private T removeOldestSheddable() {
        for (Iterator<T> it = queue.iterator(); it.hasNext(); ) {
            T candidate = it.next();
            if (sheddable.test(candidate)) {
                it.remove();
                return candidate;
            }
        }
        return null;
    }

    private void runOne() {
        T item;
        Runnable last = null;
        synchronized (this) {
            item = queue.pollFirst();
            if (item == null) {
                // Closed while this turn waited in the pool: the finalizer is due now.
                scheduled = false;
                last = finalizer;
                finalizer = null;
            }
        }
        if (item == null) {
            if (last != null) {
                last.run();
            }
            return;
        }
        try {
            handler.accept(item);
        } catch (RuntimeException | StackOverflowError e) {
            // The handler reports its own failures; a leak here must not stop the mailbox.
        } finally {
            boolean more;
            Runnable closing;
            synchronized (this) {
                more = !queue.isEmpty();
                scheduled = more;
                closing = finalizer;
                finalizer = null;
            }
            if (more) {
                try {
                    pool.execute(this::runOne);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // The pool is shutting down with the runner: nothing will run any more.
                }
            } else if (closing != null) {
                closing.run();
            }
        }
    }
}
