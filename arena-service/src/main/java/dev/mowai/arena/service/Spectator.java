package dev.mowai.arena.service;

import dev.mowai.arena.core.CloseCodes;
import dev.mowai.arena.protocol.Outbound;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One spectator: a cursor into the shared {@link EventRing}. Its queue is the distance between the
 * cursor and the newest event, so it costs no memory of its own; a few frames are in flight at a time.
 * All sending happens on the connection's event loop.
 */
final class Spectator {

    private static final int IN_FLIGHT = 32;

    private final WebSocketConnection conn;
    private final Context context;
    private final EventRing ring;
    private final int maxLag;
    private final Consumer<Spectator> onSlow;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long next;
    private volatile boolean closed;
    private int inFlight;

    Spectator(WebSocketConnection conn, Context context, EventRing ring, int maxLag, long next,
            Consumer<Spectator> onSlow) {
        this.conn = conn;
        this.context = context;
        this.ring = ring;
        this.maxLag = maxLag;
        this.next = next;
        this.onSlow = onSlow;
    }

    String id() {
        return conn.id();
    }

    /** Sends the snapshot, then starts streaming from the cursor. */
    void start(String snapshot) {
        context.runOnContext(v -> {
            inFlight++;
            conn.sendText(snapshot).subscribe().with(ok -> sent(), err -> sent());
        });
    }

    /** Called after each publish. */
    void published(long latest) {
        if (closed) {
            return;
        }
        if (latest - next + 1 > maxLag) {
            closeSlow(latest);
            return;
        }
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                scheduled.set(false);
                pump();
            });
        }
    }

    void close(int code, String reason) {
        closed = true;
        conn.close(new CloseReason(code, reason)).subscribe().with(ok -> { }, err -> { });
    }

    private void sent() {
        inFlight--;
        pump();
    }

    private void pump() {
        while (!closed && inFlight < IN_FLIGHT) {
            long seq = next;
            String frame;
            switch (ring.lookup(seq)) {
                case EventRing.Lookup.Ahead ahead -> {
                    return;
                }
                case EventRing.Lookup.Overwritten gone -> {
                    closeSlow(ring.latest());
                    return;
                }
                case EventRing.Lookup.Found found -> {
                    next = seq + 1;
                    frame = found.event().json();
                }
                case EventRing.Lookup.Missing hole -> { // not the reader's fault: say so and go on
                    next = hole.lastMissing() + 1;
                    frame = Outbound.gap(seq, hole.lastMissing(), System.currentTimeMillis());
                }
            }
            inFlight++;
            conn.sendText(frame).subscribe().with(ok -> sent(), err -> sent());
        }
    }

    private void closeSlow(long latest) {
        if (closed) {
            return;
        }
        onSlow.accept(this);
        // Close reasons are limited to 123 bytes.
        close(CloseCodes.TOO_SLOW, "too slow: more than " + maxLag + " events behind; reconnect with ?since="
                + (next - 1));
    }
}
