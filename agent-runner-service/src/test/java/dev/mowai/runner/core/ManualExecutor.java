package dev.mowai.runner.core;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** An executor the test drives: tasks queue up until {@link #runAll} or {@link #runNext}. FIFO, like a pool's queue. */
final class ManualExecutor implements Executor {

    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();

    @Override
    public void execute(Runnable command) {
        queue.addLast(command);
    }

    boolean runNext() {
        Runnable r = queue.pollFirst();
        if (r == null) {
            return false;
        }
        r.run();
        return true;
    }

    int runAll() {
        int n = 0;
        while (runNext()) {
            n++;
        }
        return n;
    }

    int queued() {
        return queue.size();
    }
}
