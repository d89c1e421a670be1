package dev.mowai.arena.service;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded, ordered sending to one agent. Frames are written on the connection's own event loop so
 * that frames offered from different threads keep their order; frames not yet flushed count
 * against the bound, and a connection that lets the bound overflow is closed.
 */
final class Outbox {

    private final WebSocketConnection conn;
    private final Context context;
    private final int limit;
    private final Runnable onOverflow;
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;

    Outbox(WebSocketConnection conn, Context context, int limit, Runnable onOverflow) {
        this.conn = conn;
        this.context = context;
        this.limit = limit;
        this.onOverflow = onOverflow;
    }

    void offer(String json) {
        if (closed) {
            return;
        }
        if (pending.incrementAndGet() > limit) {
            pending.decrementAndGet();
            onOverflow.run();
            return;
        }
        queue.add(json);
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    /** Closes after the frames already offered have been written. */
    void close(int code, String reason) {
        context.runOnContext(v -> {
            drain();
            closed = true;
            conn.close(new CloseReason(code, reason)).subscribe().with(ok -> { }, err -> { });
        });
    }

    private void drain() {
        scheduled.set(false);
        String json;
        while ((json = queue.poll()) != null) {
            if (closed) {
                queue.clear();
                return;
            }
            conn.sendText(json).subscribe().with(ok -> pending.decrementAndGet(), err -> pending.decrementAndGet());
        }
    }
}
