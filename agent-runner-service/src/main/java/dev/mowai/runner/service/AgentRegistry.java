package dev.mowai.runner.service;

import dev.mowai.runner.component.agent.AgentConfig;
import dev.mowai.runner.component.agent.AgentInfo;
import dev.mowai.runner.component.agent.AgentRuntime;
import dev.mowai.runner.component.agent.ConformanceReport;
import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.core.AgentCell;
import dev.mowai.runner.core.Console;
import dev.mowai.runner.core.ConsoleTickets;
import dev.mowai.runner.core.TrialResult;
import dev.mowai.runner.core.UploadForm;
import dev.mowai.runner.store.AgentStore;
import dev.mowai.runner.store.StoredAgent;
import dev.mowai.runner.store.Tokens;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What participants do with their agents (upload, hot swap, trial, delete, watch) and the runner's
 * start and stop. Each operation passes {@link Admission} before it does any work; the parts live in
 * {@link HostedAgents}, {@link ComponentIntake}, {@link ArenaSeats}, {@link AgentRestore} and {@link TaskMemory}.
 */
@ApplicationScoped
public class AgentRegistry {

    @Inject
    RunnerConfig config;
    @Inject
    AgentStore store;
    @Inject
    Admission admission;
    @Inject
    AgentMemory memory;
    @Inject
    ComponentIntake intake;
    @Inject
    AgentCells cells;
    @Inject
    HostedAgents agents;
    @Inject
    ArenaSeats seats;
    @Inject
    AgentRestore restore;
    @Inject
    TaskMemory taskMemory;

    private final ConsoleTickets tickets = new ConsoleTickets(60_000, 10_000);

    /** What a successful upload answers; the token appears here and nowhere else. */
    public record Created(String id, String token, ConformanceReport report, AgentView agent) {
    }

    void start(@Observes StartupEvent ignored) {
        taskMemory.start();
        restore.startInBackground();
    }

    void stop(@Observes ShutdownEvent ignored) {
        taskMemory.stop();
        for (HostedAgent h : agents.all()) {
            seats.leave(h);
            h.cell.stop();
        }
        cells.close();
        seats.close();
    }

    // ---- participant operations -----------------------------------------------------------------------

    /**
     * What an upload must pass before its body is read: the upload rate of {@code client} (every attempt
     * counts, join-code guessing too), then the join code. Called by the HTTP layer on the headers alone.
     */
    public void admitUpload(String joinCode, String client) {
        admission.upload(client);
        requireJoinCode(joinCode);
    }

    /** What a hot swap must pass before its body is read: the agent's token, then its hot-swap rate. */
    public void admitHotSwap(String id, String token) {
        agents.authorized(id, token);
        admission.hotSwap(id);
    }

    /**
     * A new agent, once {@link #admitUpload} let its request in (the join code is checked again: it is
     * cheap, and no path may skip it).
     */
    public Created upload(UploadForm form, String joinCode) {
        requireJoinCode(joinCode);
        if (agents.size() >= config.runner().maxAgents()) {
            throw new RunnerFull(config.runner().maxAgents());
        }
        AgentRuntime.Checked checked = intake.check(form);
        memory.requireRoomForNewAgent(checked);
        String id = UUID.randomUUID().toString();
        String token = Tokens.newToken();
        AgentConfig agentConfig = new AgentConfig(form.name().strip(), form.color().strip(), AgentCells.personaName(form));
        // The component is stored first: a full disk refuses the upload before anything runs.
        String hash = store.putComponent(form.wasm());
        AgentCell cell = cells.cell(id, agentConfig, form.customSkill());
        AgentInfo info = intake.load(cell, checked, cell);
        StoredAgent record = new StoredAgent(id, agentConfig.name(), agentConfig.color(), agentConfig.persona(),
                form.customSkill(), hash, Tokens.hash(token), System.currentTimeMillis(), false, List.of());
        try {
            store.save(record);
        } catch (RuntimeException e) {
            cell.stop();
            throw e;
        }
        HostedAgent hosted = agents.host(cell, record);
        seats.take(hosted);
        Log.infof("agent %s (%s, %s) uploaded: %s %s", id, agentConfig.name(), agentConfig.persona(), info.name(), info.version());
        return new Created(id, token, checked.report(), hosted.view());
    }

    /**
     * A new component for an agent, once {@link #admitHotSwap} let its request in; refused (and the old
     * one kept running) by a limit or a failed check.
     */
    public AgentView replaceComponent(String id, String token, byte[] wasm) {
        HostedAgent hosted = agents.authorized(id, token);
        refuseWhileQuarantined(hosted, wasm);
        AgentRuntime.Checked checked = intake.check(wasm);
        AgentInfo before = hosted.cell.info();
        String hash = store.putComponent(wasm);
        AgentInfo info;
        try {
            info = intake.load(hosted.cell, checked, null);
        } catch (UploadRejected e) {
            if (!agents.contains(id)) {
                throw new UnknownAgent(id); // deleted while the new component loaded
            }
            throw e;
        }
        if (!hosted.update(store, r -> r.withComponent(hash))) {
            throw new UnknownAgent(id); // deleted while the new component loaded
        }
        seats.retakeIfChanged(hosted, before, info);
        hosted.cell.say("info", "component replaced (sha256 " + hash.substring(0, 12) + "…)");
        return hosted.view();
    }

    public void delete(String id, String token) {
        HostedAgent hosted = agents.authorized(id, token);
        hosted.delete(store);
        agents.remove(id);
        seats.leave(hosted);
        hosted.cell.stop();
        Log.infof("agent %s deleted", id);
    }

    public TrialResult trial(String id, String token, String description) {
        HostedAgent hosted = agents.authorized(id, token);
        admission.trial(id);
        CompletableFuture<TrialResult> result = hosted.cell.trial(description);
        long timeoutMs = trialTimeoutMs();
        try {
            return result.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new TrialResult(List.of(), null, timeoutMs, 0,
                    "the trial did not finish within " + timeoutMs / 1000 + " s (it may still be queued behind other calls)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public List<AgentView> list() {
        return agents.views();
    }

    public AgentView get(String id) {
        return agents.find(id).view();
    }

    /** The console of an agent, for its owner. */
    public Console console(String id, String token) {
        return agents.authorized(id, token).cell.console();
    }

    /** What {@code POST /agents/{id}/console-ticket} answers. */
    public record ConsoleTicket(String ticket, long expiresInSeconds) {
    }

    /** A single-use ticket that opens the agent's console for a short while, for clients that cannot send a header. */
    public ConsoleTicket consoleTicket(String id, String token) {
        agents.authorized(id, token);
        return new ConsoleTicket(tickets.issue(id, System.currentTimeMillis()), tickets.lifetimeMs() / 1000);
    }

    /** The console of an agent, opened with a ticket from {@link #consoleTicket} (used up here). */
    public Console consoleByTicket(String id, String ticket) {
        HostedAgent hosted = agents.find(id);
        if (!tickets.redeem(ticket, id, System.currentTimeMillis())) {
            throw new AccessDenied(AccessDenied.Reason.TOKEN, "unknown, used or expired console ticket for agent " + id
                    + ": get a new one with POST /agents/" + id + "/console-ticket (valid once, for "
                    + tickets.lifetimeMs() / 1000 + " s)");
        }
        return hosted.cell.console();
    }

    // ---- readiness ------------------------------------------------------------------------------------

    /** Whether this replica hosts the agent. */
    public boolean hosts(String id) {
        return agents.contains(id);
    }

    public int size() {
        return agents.size();
    }

    public int joinedCount() {
        return agents.joinedCount();
    }

    public boolean restored() {
        return restore.restored();
    }

    // ---- internals ------------------------------------------------------------------------------------

    private void requireJoinCode(String given) {
        Optional<String> expected = config.joinCode().filter(s -> !s.isBlank());
        if (expected.isEmpty()) {
            return;
        }
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.get().getBytes(StandardCharsets.UTF_8))) {
            throw new AccessDenied(AccessDenied.Reason.JOIN_CODE,
                    given == null ? "this runner needs a join code: send it in the X-Join-Code header"
                            : "wrong join code (X-Join-Code)");
        }
    }

    /**
     * A quarantine is lifted only by a different component (the same bytes would loop again), and only
     * after {@code mowai.limits.quarantine-cooldown}, so that swapping back and forth does not lift it.
     */
    private void refuseWhileQuarantined(HostedAgent hosted, byte[] wasm) {
        StoredAgent record = hosted.record();
        if (!record.quarantined() || wasm == null) {
            return;
        }
        if (Tokens.sha256(wasm).equals(record.componentHash())) {
            throw new UploadRejected(List.of("wasm: this is the component that was quarantined (sha256 "
                    + record.componentHash().substring(0, 12) + "…); upload a changed one"), null);
        }
        long since = hosted.cell.quarantinedAt();
        long left = since == 0 ? 0 : since + config.limits().quarantineCooldown().toMillis() - System.currentTimeMillis();
        if (left > 0) {
            throw new TryLater(TryLater.Why.RATE_LIMITED, "quarantined " + (System.currentTimeMillis() - since) / 1000
                    + " s ago: a new component may lift it after " + config.limits().quarantineCooldown().toSeconds()
                    + " s (mowai.limits.quarantine-cooldown)", java.time.Duration.ofMillis(left));
        }
    }

    private long trialTimeoutMs() {
        return config.limits().callTimeout().toMillis() + config.runner().llmTimeout().toMillis() + 10_000;
    }
}
