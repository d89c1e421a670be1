package dev.mowai.runner.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The threads that run calls into agents. {@code workers} calls run at once; a call still running
 * after {@code longCallAfter} gives its worker up to the queue and goes on in one of
 * {@code longCallLanes} lanes, so a few looping or slow agents cannot hold every worker for a full
 * call limit while a good agent's task waits. When all lanes are taken a long call keeps its worker.
 * Each agent's mailbox runs one call at a time, so one agent holds at most one thread.
 */
public final class WorkerPool implements Executor {

    private final ExecutorService threads;
    private final Deadlines deadlines;
    private final Duration longCallAfter;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private int freeWorkers;
    private int freeLanes;
    private boolean closed;

    public WorkerPool(int workers, int longCallLanes, Duration longCallAfter, Deadlines deadlines, ThreadFactory factory) {
        if (workers < 1 || longCallLanes < 0) {
            throw new IllegalArgumentException("workers must be at least 1 and lanes at least 0");
        }
        this.freeWorkers = workers;
        this.freeLanes = longCallLanes;
        this.longCallAfter = longCallAfter;
        this.deadlines = deadlines;
        // Never more than workers + lanes calls run at once (counted here), so the threads stay bounded too.
        this.threads = Executors.newCachedThreadPool(factory);
    }

    @Override
    public void execute(Runnable command) {
        synchronized (this) {
            if (closed) {
                throw new RejectedExecutionException("the worker pool is closed");
            }
            queue.addLast(command);
        }
        dispatch();
    }

    /** Calls waiting for a worker. */
    public synchronized int queued() {
        return queue.size();
    }

    /** Refuses new calls, lets running ones finish for {@code grace}, then interrupts them. */
    public void close(Duration grace) {
        synchronized (this) {
            closed = true;
            queue.clear();
        }
        threads.shutdown();
        try {
            threads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.shutdownNow();
    }

    private void dispatch() {
        while (true) {
            Runnable next;
            synchronized (this) {
                if (freeWorkers == 0 || queue.isEmpty()) {
                    return;
                }
                freeWorkers--;
                next = queue.pollFirst();
            }
            Turn turn = new Turn();
            try {
                threads.execute(() -> turn.run(next));
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    freeWorkers++;
                }
                return;
            }
            turn.cancelDeadline = deadlines.schedule(longCallAfter, turn::becameLong);
        }
    }

    /** One call on a thread: on a worker, or (once long) in a lane. */
    private final class Turn {
        private boolean done;
        private boolean inLane;
        private volatile Runnable cancelDeadline = () -> { };

        void run(Runnable call) {
            try {
                call.run();
            } finally {
                cancelDeadline.run();
                synchronized (WorkerPool.this) {
                    done = true;
                    if (inLane) {
                        freeLanes++;
                    } else {
                        freeWorkers++;
                    }
                }
                dispatch();
            }
        }

        void becameLong() {
            synchronized (WorkerPool.this) {
                if (done || inLane || freeLanes == 0) {
                    return;
                }
                inLane = true;
                freeLanes--;
                freeWorkers++;
            }
            dispatch();
        }
    }
}
