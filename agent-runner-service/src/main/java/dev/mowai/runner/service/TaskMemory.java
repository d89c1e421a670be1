package dev.mowai.runner.service;

import dev.mowai.runner.store.AgentStore;
import dev.mowai.runner.store.StoreFull;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes each agent's recently taken task ids to its record every few seconds, so that after a restart
 * the arena's replay of recent tasks is not answered twice; and collects the store's garbage hourly
 * (never on a request's path: what it may remove is older than the orphan grace period anyway).
 */
@ApplicationScoped
public class TaskMemory {

    /** How many recently taken task ids an agent remembers across restarts. */
    private static final int REMEMBERED_TASKS = 16;

    @Inject
    HostedAgents agents;
    @Inject
    AgentStore store;

    private ScheduledExecutorService flusher;

    void start() {
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mowai-store-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flush, 5, 5, TimeUnit.SECONDS);
        flusher.scheduleWithFixedDelay(this::collectGarbage, 1, 1, TimeUnit.HOURS);
    }

    /** Writes what changed now and stops the periodic writes. */
    void stop() {
        flush();
        flusher.shutdownNow();
    }

    private void collectGarbage() {
        try {
            int removed = store.collectGarbage();
            if (removed > 0) {
                Log.infof("data directory: removed %d files no agent referred to for the orphan grace period", removed);
            }
        } catch (RuntimeException e) {
            Log.warnf("collecting the data directory's garbage failed: %s", e.getMessage());
        }
    }

    private void flush() {
        int full = 0;
        for (HostedAgent h : agents.all()) {
            if (!h.dirty) {
                continue;
            }
            h.dirty = false;
            try {
                h.update(store, r -> r.withHandledTasks(h.cell.recentTasks(REMEMBERED_TASKS)));
            } catch (StoreFull e) {
                h.dirty = true; // written once there is room again
                full++;
            } catch (RuntimeException e) {
                h.dirty = true;
                Log.warnf("cannot persist the task memory of %s: %s", h.id(), e.getMessage());
            }
        }
        if (full > 0) {
            Log.warnf("disk full: the task memory of %d agents waits for room in the data directory", full);
        }
    }
}
