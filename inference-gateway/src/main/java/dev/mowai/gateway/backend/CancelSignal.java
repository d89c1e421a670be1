package dev.mowai.gateway.backend;

import java.util.ArrayList;
import java.util.List;

/**
 * Fires once when a running call must stop: its caller went away or its time ran out. Backends
 * register what stops their work (cancel a subscription, stop an iterator); listeners registered
 * after the signal fired run at once.
 */
public final class CancelSignal {

    public enum Reason { CALLER_GONE, TIMEOUT }

    private final List<Runnable> listeners = new ArrayList<>();
    private Reason reason;

    public void onCancel(Runnable r) {
        boolean now;
        synchronized (this) {
            now = reason != null;
            if (!now) listeners.add(r);
        }
        if (now) r.run();
    }

    /** Returns false if the signal had already fired. */
    public boolean cancel(Reason why) {
        List<Runnable> toRun;
        synchronized (this) {
            if (reason != null) return false;
            reason = why;
            toRun = List.copyOf(listeners);
            listeners.clear();
        }
        toRun.forEach(Runnable::run);
        return true;
    }

    public synchronized Reason reason() {
        return reason;
    }

    public boolean isCancelled() {
        return reason() != null;
    }

    /** The exception a backend throws once it noticed the signal. */
    public RuntimeException toException(String backend) {
        return reason() == Reason.TIMEOUT
                ? new BackendException(BackendException.Kind.DEADLINE, backend + " did not finish within the request timeout")
                : new CallCancelledException("the caller went away");
    }
}
