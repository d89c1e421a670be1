package dev.mowai.runner.service;

import dev.mowai.runner.component.agent.AgentConfig;
import dev.mowai.runner.component.agent.AgentFailure;
import dev.mowai.runner.component.agent.AgentRuntime;
import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.core.AgentCell;
import dev.mowai.runner.core.AgentState;
import dev.mowai.runner.core.LoadGate;
import dev.mowai.runner.store.AgentStore;
import dev.mowai.runner.store.StoredAgent;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Brings back every stored agent after a restart: same id, token, persona and task memory; a
 * quarantined agent stays quarantined. Loads share the compile slots with uploads ({@link Admission}).
 */
@ApplicationScoped
public class AgentRestore {

    /** Restore attempts per agent: a load can time out while the JVM is still cold and busy. */
    private static final int ATTEMPTS = 3;

    @Inject
    RunnerConfig config;
    @Inject
    AgentStore store;
    @Inject
    AgentRuntime runtime;
    @Inject
    HostedAgents agents;
    @Inject
    Admission admission;
    @Inject
    AgentCells cells;
    @Inject
    ArenaSeats seats;
    @Inject
    AgentMemory memory;

    private volatile boolean restored;
    /** What the agents restored so far will reserve (their loads finish later, in parallel). */
    private long plannedBytes;

    /** Whether the restore has finished (readiness waits for it). */
    boolean restored() {
        return restored;
    }

    void startInBackground() {
        Thread.ofVirtual().name("mowai-restore").start(this::restoreAll);
    }

    private void restoreAll() {
        try {
            store.collectGarbage();
            AgentStore.Restored found = store.loadAll();
            found.problems().forEach(p -> Log.warnf("data directory: %s", p));
            List<CompletableFuture<?>> loads = new ArrayList<>();
            plannedBytes = memory.reserved();
            for (StoredAgent record : found.agents()) {
                // A few loads at a time: instantiating many components at once on a cold JVM makes them all time out.
                LoadGate.Permit slot = admission.enterRestore();
                loads.add(restore(record).whenComplete((r, e) -> slot.close()));
            }
            CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).handle((r, e) -> null).join();
            Log.infof("restored %d agents from %s (%d active)", found.agents().size(),
                    Path.of(config.dataDir()).toAbsolutePath(), agents.count(AgentState.ACTIVE));
        } catch (RuntimeException e) {
            Log.error("restoring agents failed", e);
        } finally {
            restored = true;
        }
    }

    private CompletableFuture<?> restore(StoredAgent record) {
        AgentCell cell = cells.cell(record.id(), new AgentConfig(record.name(), record.color(), record.persona()),
                record.customSkill());
        HostedAgent hosted = agents.host(cell, record);
        AgentRuntime.Checked checked;
        try {
            checked = runtime.check(store.readComponent(record.componentHash()));
        } catch (AgentFailure e) {
            cell.markFailed("the stored component no longer passes the check: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            cell.markFailed("cannot restore the component: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        if (!checked.report().ok()) {
            cell.markFailed("the stored component no longer passes the check: "
                    + String.join("; ", checked.report().problems()));
            return CompletableFuture.completedFuture(null);
        }
        if (record.quarantined()) {
            // Keep the component at hand so that a hot swap is the only way back.
            cell.markQuarantined("quarantined before the restart; upload a fixed component");
            return CompletableFuture.completedFuture(null);
        }
        if (!memory.fitsAfter(plannedBytes, checked)) {
            // Loading every stored agent regardless would replay an overcommitted runner into a crash loop;
            // the oldest agents come first and keep their places.
            cell.markFailed("not loaded after the restart: " + memory.restoreRefusal(plannedBytes, checked));
            return CompletableFuture.completedFuture(null);
        }
        plannedBytes += checked.memoryCeilingBytes();
        return load(hosted, checked, 1);
    }

    private CompletableFuture<?> load(HostedAgent hosted, AgentRuntime.Checked checked, int attempt) {
        return hosted.cell.load(checked).handle((info, error) -> error).thenCompose(error -> {
            if (error == null) {
                seats.take(hosted);
                return CompletableFuture.completedFuture(null);
            }
            if (attempt < ATTEMPTS && agents.contains(hosted.id()) && !(error.getCause() instanceof AgentMemory.Full)) {
                hosted.cell.say("warn", "restore attempt " + attempt + " failed; trying again");
                return load(hosted, checked, attempt + 1);
            }
            hosted.cell.markFailed("restore failed after " + attempt + " attempts: " + error.getMessage());
            return CompletableFuture.completedFuture(null);
        });
    }
}
