package dev.mowai.runner.service;

import dev.mowai.runner.client.ArenaLink;
import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.core.AgentCell;
import dev.mowai.runner.core.AgentConfig;
import dev.mowai.runner.core.AgentFault;
import dev.mowai.runner.core.AgentInfo;
import dev.mowai.runner.core.AgentRuntimePort;
import dev.mowai.runner.core.AgentState;
import dev.mowai.runner.core.Backoff;
import dev.mowai.runner.core.Limits;
import dev.mowai.runner.core.LlmPort;
import dev.mowai.runner.core.SkillFile;
import dev.mowai.runner.core.Telemetry;
import dev.mowai.runner.core.ThoughtDepths;
import dev.mowai.runner.core.TrialResult;
import dev.mowai.runner.core.UploadForm;
import dev.mowai.runner.protocol.ArenaSession;
import dev.mowai.runner.store.AgentStore;
import dev.mowai.runner.store.StoredAgent;
import dev.mowai.runner.store.Tokens;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agents this runner hosts: uploads, hot swaps, deletion, trials, restore after a restart and
 * the arena seats. The imperative shell around {@link AgentCell} and {@link AgentStore}.
 */
@ApplicationScoped
public class AgentRegistry {

    /** Agents' console lines also go to the runner's log, under this category. */
    private static final org.jboss.logging.Logger AGENT_LOG = org.jboss.logging.Logger.getLogger("mowai.agent");

    /** How many recently taken task ids an agent remembers across restarts. */
    private static final int REMEMBERED_TASKS = 16;

    @Inject
    RunnerConfig config;
    @Inject
    AgentRuntimePort runtime;
    @Inject
    LlmPort llm;
    @Inject
    Telemetry telemetry;
    @Inject
    PersonaLibrary personas;
    @Inject
    Vertx vertx;
    @Inject
    MeterRegistry meters;

    private final Map<String, Hosted> agents = new ConcurrentHashMap<>();
    private final AtomicInteger restoring = new AtomicInteger();
    private Limits limits;
    private AgentStore store;
    private ExecutorService pool;
    private ScheduledExecutorService flusher;
    private AgentCell.Environment env;
    private WebSocketClient wsClient;
    private volatile boolean restored;

    /** One hosted agent: its durable record, its cell and its arena seat. */
    private final class Hosted {
        final AgentCell cell;
        volatile StoredAgent record;
        volatile ArenaLink link;
        volatile boolean dirty;

        Hosted(AgentCell cell, StoredAgent record) {
            this.cell = cell;
            this.record = record;
        }
    }

    /** What a successful upload answers; the token appears here and nowhere else. */
    public record Created(String id, String token, Object report, AgentView agent) {
    }

    void start(@Observes StartupEvent ignored) {
        limits = config.limits().toLimits();
        store = new AgentStore(Path.of(config.dataDir()));
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(Math.max(1, config.runner().workers()),
                r -> {
                    Thread t = new Thread(r, "mowai-agent-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        env = new AgentCell.Environment(limits, runtime, pool, llm, System::currentTimeMillis,
                new ThoughtDepths(100_000), telemetry);
        // One seat per agent, all to the same arena: Vert.x allows only 50 WebSockets per endpoint by default.
        wsClient = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(64 * 1024)
                .setConnectTimeout(5_000).setMaxConnections(config.runner().maxAgents() + 16));
        for (AgentState state : AgentState.values()) {
            Gauge.builder("mowai.runner.agents", () -> count(state)).description("Hosted agents by state")
                    .tag("state", state.name().toLowerCase()).register(meters);
        }
        Gauge.builder("mowai.runner.arena.seats", this::joinedCount).description("Agents joined to the arena")
                .register(meters);
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mowai-store-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushTaskMemory, 5, 5, TimeUnit.SECONDS);
        Thread.ofVirtual().name("mowai-restore").start(this::restoreAll);
    }

    void stop(@Observes ShutdownEvent ignored) {
        flushTaskMemory();
        for (Hosted h : agents.values()) {
            if (h.link != null) {
                h.link.leave();
            }
            h.cell.stop();
        }
        flusher.shutdownNow();
        pool.shutdown();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        wsClient.close();
    }

    // ---- participant operations -----------------------------------------------------------------------

    public Created upload(UploadForm form, String joinCode) {
        requireJoinCode(joinCode);
        if (agents.size() >= config.runner().maxAgents()) {
            throw new RunnerFull(config.runner().maxAgents());
        }
        AgentRuntimePort.Checked checked = check(form);
        String id = UUID.randomUUID().toString();
        String token = Tokens.newToken();
        String persona = personaName(form);
        AgentConfig agentConfig = new AgentConfig(form.name().strip(), form.color().strip(), persona);
        AgentCell cell = new AgentCell(id, agentConfig, systemPrompt(form.customSkill(), persona), env);
        AgentInfo info = await(cell.load(checked), cell);
        String hash = store.putComponent(form.wasm());
        StoredAgent record = new StoredAgent(id, agentConfig.name(), agentConfig.color(), persona, form.customSkill(),
                hash, Tokens.hash(token), System.currentTimeMillis(), false, List.of());
        try {
            store.save(record);
        } catch (RuntimeException e) {
            cell.stop();
            throw e;
        }
        Hosted hosted = host(cell, record);
        join(hosted);
        Log.infof("agent %s (%s, %s) uploaded: %s %s", id, agentConfig.name(), persona, info.name(), info.version());
        return new Created(id, token, checked.report(), view(hosted));
    }

    public AgentView replaceComponent(String id, String token, byte[] wasm) {
        Hosted hosted = authorized(id, token);
        AgentRuntimePort.Checked checked = checkComponent(wasm);
        AgentInfo before = hosted.cell.info();
        AgentInfo info = await(hosted.cell.load(checked), null);
        String hash = store.putComponent(wasm);
        hosted.record = hosted.record.withComponent(hash);
        store.save(hosted.record);
        store.collectGarbage();
        boolean seatGone = hosted.link == null || hosted.link.session().phase() == ArenaSession.Phase.LEFT;
        if (seatGone || !sameRosterEntry(before, info)) {
            // The roster shows what AGENT_CONNECT said: a changed name or colour needs a fresh seat.
            if (hosted.link != null) {
                hosted.link.leave();
            }
            join(hosted);
        }
        hosted.cell.say("info", "component replaced (sha256 " + hash.substring(0, 12) + "…)");
        return view(hosted);
    }

    public void delete(String id, String token) {
        Hosted hosted = authorized(id, token);
        agents.remove(id);
        if (hosted.link != null) {
            hosted.link.leave();
        }
        hosted.cell.stop();
        store.delete(id);
        store.collectGarbage();
        Log.infof("agent %s deleted", id);
    }

    public TrialResult trial(String id, String token, String description) {
        Hosted hosted = authorized(id, token);
        CompletableFuture<TrialResult> result = hosted.cell.trial(description);
        try {
            return result.get(trialTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new TrialResult(List.of(), null, trialTimeoutMs(), 0,
                    "the trial did not finish within " + trialTimeoutMs() / 1000 + " s (it may still be queued behind other calls)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public List<AgentView> list() {
        return agents.values().stream().map(this::view)
                .sorted(Comparator.comparingLong(AgentView::createdAt).thenComparing(AgentView::id)).toList();
    }

    public AgentView get(String id) {
        return view(find(id));
    }

    /** The console of an agent, for its owner. */
    public dev.mowai.runner.core.Console console(String id, String token) {
        return authorized(id, token).cell.console();
    }

    // ---- readiness ------------------------------------------------------------------------------------

    /** Whether this replica hosts the agent. */
    public boolean hosts(String id) {
        return agents.containsKey(id);
    }

    public int size() {
        return agents.size();
    }

    public int joinedCount() {
        return (int) agents.values().stream().filter(h -> h.link != null && h.link.joined()).count();
    }

    public boolean restored() {
        return restored;
    }

    public int count(AgentState state) {
        return (int) agents.values().stream().filter(h -> h.cell.state() == state).count();
    }

    // ---- internals ------------------------------------------------------------------------------------

    private AgentRuntimePort.Checked check(UploadForm form) {
        List<String> problems = new ArrayList<>(form.problems(personas.names(), limits.maxComponentBytes()));
        AgentRuntimePort.Checked checked = null;
        if (form.wasm() != null && form.wasm().length > 0 && form.wasm().length <= limits.maxComponentBytes()
                && UploadForm.wasmProblem(form.wasm()).isEmpty()) {
            checked = runtime.check(form.wasm());
            problems.addAll(checked.problems());
        }
        if (!problems.isEmpty()) {
            throw new UploadRejected(problems, checked == null ? null : checked.report());
        }
        return checked;
    }

    private AgentRuntimePort.Checked checkComponent(byte[] wasm) {
        List<String> problems = new ArrayList<>();
        if (wasm == null || wasm.length == 0) {
            problems.add("wasm: missing (send the component as the multipart part 'wasm')");
        } else if (wasm.length > limits.maxComponentBytes()) {
            problems.add("wasm: " + wasm.length + " bytes exceeds the limit of " + limits.maxComponentBytes()
                    + " (mowai.limits.max-component-bytes)");
        } else {
            UploadForm.wasmProblem(wasm).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new UploadRejected(problems, null);
        }
        AgentRuntimePort.Checked checked = runtime.check(wasm);
        if (!checked.ok()) {
            throw new UploadRejected(checked.problems(), checked.report());
        }
        return checked;
    }

    /** Waits for on-init/get-info; a failure rejects the upload, and {@code discard} (if any) is stopped. */
    private AgentInfo await(CompletableFuture<AgentInfo> loading, AgentCell discard) {
        try {
            return loading.get(limits.callTimeout().toMillis() * 2 + 10_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (discard != null) {
                discard.stop();
            }
            Throwable cause = e.getCause();
            String what = cause instanceof AgentFault f ? f.kind().name().toLowerCase() + ": " + f.getMessage()
                    : String.valueOf(cause);
            throw new UploadRejected(List.of("the component was instantiated but on-init/get-info failed (" + what + ")"), null);
        } catch (TimeoutException e) {
            if (discard != null) {
                discard.stop();
            }
            throw new UploadRejected(List.of("on-init/get-info did not finish in time (mowai.limits.call-timeout)"), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private Hosted host(AgentCell cell, StoredAgent record) {
        Hosted hosted = new Hosted(cell, record);
        String who = record.id().substring(0, 8) + " " + record.name();
        cell.console().subscribe(line -> AGENT_LOG.log(level(line.level()), who + " [" + line.source() + "] " + line.text()));
        cell.rememberTasks(record.handledTasks());
        cell.listen((c, state) -> stateChanged(hosted, state));
        agents.put(record.id(), hosted);
        return hosted;
    }

    private void join(Hosted hosted) {
        Optional<String> arena = config.arenaUrl().filter(s -> !s.isBlank());
        if (arena.isEmpty()) {
            hosted.cell.say("warn", "no arena configured (mowai.arena-url): the agent only takes trials");
            return;
        }
        ArenaSession session = new ArenaSession(hosted.record.id(),
                new Backoff(config.runner().reconnectBase(), config.runner().reconnectMax()));
        ArenaLink link = new ArenaLink(vertx, wsClient, URI.create(arena.get()), session, hosted.cell,
                () -> infoForRoster(hosted), taskId -> hosted.dirty = true, System::currentTimeMillis);
        hosted.link = link;
        hosted.cell.connect(link);
        link.start();
    }

    private AgentInfo infoForRoster(Hosted hosted) {
        AgentInfo info = hosted.cell.info();
        StoredAgent r = hosted.record;
        if (info == null) {
            return new AgentInfo(r.name(), "0.0.0", r.color(), r.persona());
        }
        return new AgentInfo(info.name().isBlank() ? r.name() : info.name(),
                info.version().isBlank() ? "0.0.0" : info.version(),
                info.color().isBlank() ? r.color() : info.color(),
                info.persona().isBlank() ? r.persona() : info.persona());
    }

    private static boolean sameRosterEntry(AgentInfo a, AgentInfo b) {
        return a != null && b != null && a.equals(b);
    }

    private void stateChanged(Hosted hosted, AgentState state) {
        if (state == AgentState.QUARANTINED && !hosted.record.quarantined()) {
            if (hosted.link != null) {
                hosted.link.leave();
            }
            hosted.record = hosted.record.withQuarantined(true);
            if (agents.containsKey(hosted.record.id())) {
                store.save(hosted.record);
            }
        }
    }

    /** Restore attempts per agent: a load can time out while the JVM is still cold and busy. */
    private static final int RESTORE_ATTEMPTS = 3;

    private void restoreAll() {
        try {
            store.collectGarbage();
            AgentStore.Restored found = store.loadAll();
            found.problems().forEach(p -> Log.warnf("data directory: %s", p));
            restoring.set(found.agents().size());
            // A few loads at a time: instantiating many components at once on a cold JVM makes them all time out.
            java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(
                    Math.max(1, Runtime.getRuntime().availableProcessors()));
            List<CompletableFuture<?>> loads = new ArrayList<>();
            for (StoredAgent record : found.agents()) {
                slots.acquireUninterruptibly();
                loads.add(restore(record).whenComplete((r, e) -> {
                    slots.release();
                    restoring.decrementAndGet();
                }));
            }
            CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).handle((r, e) -> null).join();
            Log.infof("restored %d agents from %s (%d active)", found.agents().size(),
                    Path.of(config.dataDir()).toAbsolutePath(), count(AgentState.ACTIVE));
        } catch (RuntimeException e) {
            Log.error("restoring agents failed", e);
        } finally {
            restored = true;
        }
    }

    private CompletableFuture<?> restore(StoredAgent record) {
        AgentCell cell = new AgentCell(record.id(), new AgentConfig(record.name(), record.color(), record.persona()),
                systemPrompt(record.customSkill(), record.persona()), env);
        Hosted hosted = host(cell, record);
        AgentRuntimePort.Checked checked;
        try {
            checked = runtime.check(store.readComponent(record.componentHash()));
        } catch (RuntimeException e) {
            cell.markFailed("cannot restore the component: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        if (!checked.ok()) {
            cell.markFailed("the stored component no longer passes the check: " + String.join("; ", checked.problems()));
            return CompletableFuture.completedFuture(null);
        }
        if (record.quarantined()) {
            // Keep the component at hand so that a hot swap is the only way back.
            cell.markQuarantined("quarantined before the restart; upload a fixed component");
            return CompletableFuture.completedFuture(null);
        }
        return load(hosted, checked, 1);
    }

    private CompletableFuture<?> load(Hosted hosted, AgentRuntimePort.Checked checked, int attempt) {
        return hosted.cell.load(checked).handle((info, error) -> error).thenCompose(error -> {
            if (error == null) {
                join(hosted);
                return CompletableFuture.completedFuture(null);
            }
            if (attempt < RESTORE_ATTEMPTS && agents.containsKey(hosted.record.id())) {
                hosted.cell.say("warn", "restore attempt " + attempt + " failed; trying again");
                return load(hosted, checked, attempt + 1);
            }
            hosted.cell.markFailed("restore failed after " + attempt + " attempts: " + error.getMessage());
            return CompletableFuture.completedFuture(null);
        });
    }

    private void flushTaskMemory() {
        for (Hosted h : agents.values()) {
            if (!h.dirty) {
                continue;
            }
            h.dirty = false;
            try {
                h.record = h.record.withHandledTasks(h.cell.recentTasks(REMEMBERED_TASKS));
                if (agents.containsKey(h.record.id())) {
                    store.save(h.record);
                }
            } catch (RuntimeException e) {
                Log.warnf("cannot persist the task memory of %s: %s", h.record.id(), e.getMessage());
            }
        }
    }

    private static org.jboss.logging.Logger.Level level(String level) {
        return switch (level) {
            case "debug" -> org.jboss.logging.Logger.Level.DEBUG;
            case "warn" -> org.jboss.logging.Logger.Level.WARN;
            case "error" -> org.jboss.logging.Logger.Level.ERROR;
            default -> org.jboss.logging.Logger.Level.INFO;
        };
    }

    private String personaName(UploadForm form) {
        if (form.customSkill() != null && SkillFile.parse(form.customSkill()) instanceof SkillFile.Parsed.Ok ok) {
            return form.persona() == null || form.persona().isBlank() ? ok.skill().name() : form.persona().strip();
        }
        return form.persona().strip();
    }

    private String systemPrompt(String customSkill, String persona) {
        if (customSkill != null && SkillFile.parse(customSkill) instanceof SkillFile.Parsed.Ok ok) {
            return ok.skill().body();
        }
        return personas.systemPrompt(persona).orElse("You are a helpful agent with the persona '" + persona + "'.");
    }

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

    private Hosted find(String id) {
        Hosted hosted = id == null ? null : agents.get(id);
        if (hosted == null) {
            throw new UnknownAgent(id);
        }
        return hosted;
    }

    private Hosted authorized(String id, String token) {
        Hosted hosted = find(id);
        if (token == null) {
            throw new AccessDenied(AccessDenied.Reason.TOKEN, "this call needs the agent's token: Authorization: Bearer <token>");
        }
        if (!Tokens.matches(token, hosted.record.tokenHash())) {
            throw new AccessDenied(AccessDenied.Reason.TOKEN, "wrong token for agent " + id);
        }
        return hosted;
    }

    private long trialTimeoutMs() {
        return limits.callTimeout().toMillis() + config.runner().llmTimeout().toMillis() + 10_000;
    }

    private AgentView view(Hosted h) {
        StoredAgent r = h.record;
        String arena = h.link == null ? "none" : h.link.session().phase().name().toLowerCase();
        return new AgentView(r.id(), r.name(), r.color(), r.persona(), r.customSkill() != null, h.cell.state().name().toLowerCase(),
                arena, h.cell.info(), r.componentHash(), r.createdAt(), h.cell.pendingCalls(), h.cell.stats().snapshot());
    }
}
