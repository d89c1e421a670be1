package dev.mowai.runner.core;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An agent's console: the last {@code capacity} lines, plus live listeners (the SSE stream, the log). */
public final class Console {

    private final int capacity;
    private final ArrayDeque<ConsoleLine> recent = new ArrayDeque<>();
    private final List<Consumer<ConsoleLine>> listeners = new CopyOnWriteArrayList<>();

    public Console(int capacity) {
        this.capacity = capacity;
    }

    public void write(ConsoleLine line) {
        synchronized (recent) {
            if (recent.size() == capacity) {
                recent.removeFirst();
            }
            recent.addLast(line);
        }
        for (Consumer<ConsoleLine> listener : listeners) {
            try {
                listener.accept(line);
            } catch (RuntimeException e) {
                // One broken subscriber must not silence the console for the others.
            }
        }
    }

    public List<ConsoleLine> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    /** Adds a listener; the returned handle removes it. */
    public Runnable subscribe(Consumer<ConsoleLine> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
