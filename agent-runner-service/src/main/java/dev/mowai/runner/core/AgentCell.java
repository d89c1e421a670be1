package dev.mowai.runner.core;

import dev.mowai.runner.component.agent.Agent;
import dev.mowai.runner.component.agent.AgentConfig;
import dev.mowai.runner.component.agent.AgentFactory;
import dev.mowai.runner.component.agent.AgentFailure;
import dev.mowai.runner.component.agent.AgentHost;
import dev.mowai.runner.component.agent.AgentInfo;
import dev.mowai.runner.component.agent.AgentRuntime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * One hosted agent: its mailbox, its live instance, its host imports and their containment.
 * Every call into the instance runs from the mailbox, so at most one runs at a time; host imports
 * are called back on that same thread while a call is in progress ({@link #current}).
 */
public final class AgentCell {

    /** Prefix of every error text host-llm returns instead of a model reply. */
    public static final String ERROR_PREFIX = "[mowai error] ";

    /** How the runner is told about state changes (persist quarantine, leave the arena). */
    public interface Listener {
        void stateChanged(AgentCell cell, AgentState state);

        Listener NONE = (cell, state) -> { };
    }

    /** Everything a cell needs from outside, shared by all cells of a runner. */
    public record Environment(Limits limits, AgentFactory agents, Executor pool, LlmPort llm,
                              LongSupplier clock, ThoughtDepths depths, Telemetry telemetry, Deadlines deadlines) {
    }

    private final String id;
    private final AgentConfig config;
    private final String systemPrompt;
    private final Environment env;
    private final Limits limits;
    private final Mailbox<Work> mailbox;
    private final Console console = new Console(200);
    private final AgentStats stats = new AgentStats();
    private final RateWindow thoughtsPerMinute;
    private final RateWindow logLinesPerMinute;
    private final RateWindow trapWindow;
    private final RateWindow llmPerMinute;
    private final Map<String, TaskBudget> budgets = lru(64);
    /**
     * Shared by every thought about a task this agent never got from the arena: a sender's made-up task
     * ids share one budget (renewed each minute) instead of getting a fresh one each.
     */
    private TaskBudget unknownTasks = new TaskBudget();
    private long unknownTasksSince = Long.MIN_VALUE;
    private volatile long quarantinedAt;
    private final java.util.SequencedSet<String> seenTasks = new java.util.LinkedHashSet<>();
    private final AgentHost host = new Host();
    private volatile ArenaOutbox outbox = new Disconnected();
    private volatile Listener listener = Listener.NONE;
    private volatile AgentState state = AgentState.STARTING;
    private volatile AgentInfo info;
    private AgentRuntime.Checked component;
    private Agent instance;
    private CallContext current;

    public AgentCell(String id, AgentConfig config, String systemPrompt, Environment env) {
        this.id = id;
        this.config = config;
        this.systemPrompt = systemPrompt;
        this.env = env;
        this.limits = env.limits();
        this.thoughtsPerMinute = new RateWindow(limits.broadcastsPerMinute(), 60_000);
        this.logLinesPerMinute = new RateWindow(limits.logLinesPerMinute(), 60_000);
        this.trapWindow = new RateWindow(Integer.MAX_VALUE, limits.quarantineWindow().toMillis());
        this.llmPerMinute = new RateWindow(limits.llmCallsPerMinute(), 60_000);
        this.mailbox = new Mailbox<>(env.pool(), limits.mailboxCapacity(), Work::sheddable, this::handle, this::discarded);
    }

    // ---- the shell's side -------------------------------------------------------------------------

    public String id() {
        return id;
    }

    public AgentConfig config() {
        return config;
    }

    public AgentState state() {
        return state;
    }

    /** What the running instance said in {@code get-info}; null before the first load. */
    public AgentInfo info() {
        return info;
    }

    public AgentStats stats() {
        return stats;
    }

    public Console console() {
        return console;
    }

    public int pendingCalls() {
        return mailbox.pending();
    }

    public void connect(ArenaOutbox outbox) {
        this.outbox = outbox;
    }

    public void listen(Listener listener) {
        this.listener = listener;
    }

    /** Loads (or hot-swaps to) {@code component}; completes with its info, or exceptionally with an {@link AgentFailure}. */
    public CompletableFuture<AgentInfo> load(AgentRuntime.Checked component) {
        CompletableFuture<AgentInfo> done = new CompletableFuture<>();
        submit(new Work.Load(component, done));
        return done;
    }

    /** A task from the arena; a task id seen before (the arena replays recent tasks on rejoin) is ignored. */
    public void task(String taskId, String description) {
        synchronized (seenTasks) {
            if (!seenTasks.add(taskId)) {
                return;
            }
            if (seenTasks.size() > 256) {
                seenTasks.removeFirst();
            }
        }
        submit(new Work.Task(taskId, description));
    }

    /** The last {@code n} task ids this agent took, oldest first, e.g. to persist them across restarts. */
    public List<String> recentTasks(int n) {
        synchronized (seenTasks) {
            List<String> all = List.copyOf(seenTasks);
            return all.subList(Math.max(0, all.size() - n), all.size());
        }
    }

    public void rememberTasks(Iterable<String> taskIds) {
        synchronized (seenTasks) {
            taskIds.forEach(seenTasks::add);
        }
    }

    public void peerThought(String sourceAgentId, String taskId, int step, String content) {
        int depth = env.depths().depthOf(sourceAgentId, taskId, step);
        if (depth >= limits.cascadeDepth()) {
            // A reaction to it would be deeper than the bound and could not be relayed.
            env.telemetry().limitHit("cascade-depth");
            return;
        }
        submit(new Work.PeerThought(sourceAgentId, taskId, step, content, depth));
    }

    public CompletableFuture<TrialResult> trial(String description) {
        CompletableFuture<TrialResult> done = new CompletableFuture<>();
        submit(new Work.Trial(description, done));
        return done;
    }

    /** Stops taking calls and closes the instance once any running call ends. */
    public void stop() {
        setState(AgentState.STOPPED);
        mailbox.close(this::closeInstance);
    }

    /** The agent cannot run (e.g. its stored component no longer loads); a new upload may revive it. */
    public void markFailed(String why) {
        stats.lastError(why);
        say("error", why);
        setState(AgentState.FAILED);
    }

    /** Restores a quarantine that was in force before a restart. */
    public void markQuarantined(String why) {
        stats.lastError(why);
        quarantinedAt = env.clock().getAsLong();
        setState(AgentState.QUARANTINED);
    }

    /** When the agent was quarantined (clock time), or 0 when it is not. */
    public long quarantinedAt() {
        return state == AgentState.QUARANTINED ? quarantinedAt : 0;
    }

    public void say(String level, String text) {
        console.write(new ConsoleLine(env.clock().getAsLong(), level, ConsoleLine.RUNNER, text));
    }

    /** What the agent does, for its participant to follow; cut like the agent's own log lines. */
    private void show(String source, String text) {
        console.write(new ConsoleLine(env.clock().getAsLong(), "info", source, Truncation.fit(text, limits.logLineMaxChars())));
    }

    private void submit(Work work) {
        if ((state == AgentState.QUARANTINED || state == AgentState.FAILED) && !(work instanceof Work.Load)) {
            discarded(work);
            return;
        }
        switch (mailbox.offer(work)) {
            case ACCEPTED -> { }
            case ACCEPTED_EVICTING_OLDEST -> { }
            case REFUSED_FULL -> {
                env.telemetry().limitHit("mailbox-capacity");
                discarded(work);
            }
            case REFUSED_CLOSED -> discarded(work);
        }
    }

    private void discarded(Work work) {
        switch (work) {
            case Work.Load load -> load.done().completeExceptionally(
                    new AgentFailure(AgentFailure.Kind.INSTANTIATION, "the agent is " + state.name().toLowerCase(), false, null));
            case Work.Trial trial -> trial.done().complete(new TrialResult(List.of(), null, 0, 0,
                    "the agent cannot take calls now (" + state.name().toLowerCase() + ", "
                            + mailbox.pending() + " calls pending)"));
            case Work.Task task -> {
                stats.shedCalls.incrementAndGet();
                say("warn", "task " + task.taskId() + " dropped: the agent is "
                        + state.name().toLowerCase() + " or its mailbox is full");
            }
            case Work.PeerThought ignored -> stats.shedCalls.incrementAndGet();
        }
    }

    // ---- the mailbox's side (one thread at a time) ---------------------------------------------------

    private void handle(Work work) {
        switch (work) {
            case Work.Load load -> handleLoad(load);
            case Work.Task task -> handleTask(task);
            case Work.PeerThought thought -> handlePeerThought(thought);
            case Work.Trial trial -> handleTrial(trial);
        }
    }

    private void handleLoad(Work.Load load) {
        Agent fresh;
        AgentInfo freshInfo;
        try {
            fresh = env.agents().instantiate(load.component(), host);
        } catch (AgentFailure fault) {
            load.done().completeExceptionally(fault);
            say("error", "instantiation failed: " + fault.getMessage());
            return;
        }
        CallContext ctx = new CallContext(CallKind.INIT, null, 0, new TaskBudget(), null);
        try {
            call(ctx, "on-init", fresh::onInit);
            freshInfo = call(ctx, "get-info", fresh::getInfo);
        } catch (AgentFailure fault) {
            fresh.close();
            env.telemetry().trap(fault.kind());
            say("error", fault.getMessage());
            load.done().completeExceptionally(fault);
            return;
        }
        closeInstance();
        instance = fresh;
        component = load.component();
        info = freshInfo;
        trapWindow.clear();
        setState(AgentState.ACTIVE);
        say("info", "agent loaded: " + freshInfo.name() + " " + freshInfo.version());
        load.done().complete(freshInfo);
    }

    private void handleTask(Work.Task task) {
        Agent live = live();
        if (live == null) {
            return;
        }
        show(ConsoleLine.TASK, "arena task: " + task.description());
        long start = System.nanoTime();
        CallContext ctx = new CallContext(CallKind.TASK, task.taskId(), 0, budget(task.taskId()), null);
        String answer;
        try {
            answer = call(ctx, "handle-task", () -> live.handleTask(task.description()));
        } catch (AgentFailure fault) {
            trapped(fault, "handle-task");
            return;
        }
        stats.tasksHandled.incrementAndGet();
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        String content = fitted(answer, limits.responseMaxChars(), "response-max-chars", "answer");
        if (content.isBlank()) {
            say("warn", "empty answer to task " + task.taskId() + " is not sent to the arena");
            return;
        }
        show(ConsoleLine.ANSWER, content);
        if (!outbox.response(task.taskId(), content, durationMs)) {
            say("warn", "answer to task " + task.taskId() + " not delivered: not connected to the arena");
        }
    }

    private void handlePeerThought(Work.PeerThought thought) {
        Agent live = live();
        if (live == null) {
            return;
        }
        stats.peerThoughts.incrementAndGet();
        CallContext ctx = new CallContext(CallKind.REACTION, thought.taskId(), thought.depth() + 1,
                reactionBudget(thought.taskId()), null);
        // A reaction gets less time than a task: the instance is closed when it runs past the limit.
        java.util.concurrent.atomic.AtomicBoolean late = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable cancel = env.deadlines().schedule(limits.reactionTimeout(), () -> {
            late.set(true);
            live.close();
        });
        try {
            call(ctx, "on-peer-thought", () -> {
                live.onPeerThought(thought.sourceAgentId(), thought.content());
                return null;
            });
            if (late.get()) {
                // It returned just as the limit closed it: the next call needs a fresh instance.
                instance = null;
            }
        } catch (AgentFailure fault) {
            trapped(late.get() ? new AgentFailure(AgentFailure.Kind.TIMEOUT, "on-peer-thought ran past "
                    + limits.reactionTimeout().toMillis() + " ms (mowai.limits.reaction-timeout)", true, fault) : fault,
                    "on-peer-thought");
        } finally {
            cancel.run();
        }
    }

    private void handleTrial(Work.Trial trial) {
        Agent live = live();
        if (live == null) {
            trial.done().complete(new TrialResult(List.of(), null, 0, 0,
                    "the agent is " + state.name().toLowerCase() + (stats.lastError() == null ? "" : ": " + stats.lastError())));
            return;
        }
        show(ConsoleLine.TASK, "trial: " + trial.description());
        List<String> thoughts = new ArrayList<>();
        TaskBudget budget = new TaskBudget();
        CallContext ctx = new CallContext(CallKind.TRIAL, "trial", 0, budget, thoughts);
        long start = System.nanoTime();
        try {
            String answer = call(ctx, "handle-task", () -> live.handleTask(trial.description()));
            long ms = (System.nanoTime() - start) / 1_000_000;
            String content = fitted(answer, limits.responseMaxChars(), "response-max-chars", "answer");
            show(ConsoleLine.ANSWER, content);
            trial.done().complete(new TrialResult(thoughts, content, ms, budget.llmCalls, null));
        } catch (AgentFailure fault) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            trapped(fault, "handle-task");
            trial.done().complete(new TrialResult(thoughts, null, ms, budget.llmCalls, fault.getMessage()));
        }
    }

    /** The instance to call, re-instantiating after a trap; null when the agent cannot take calls. */
    private Agent live() {
        if (state != AgentState.ACTIVE) {
            return null;
        }
        if (instance == null) {
            try {
                Agent fresh = env.agents().instantiate(component, host);
                call(new CallContext(CallKind.INIT, null, 0, new TaskBudget(), null), "on-init", fresh::onInit);
                instance = fresh;
                say("info", "agent re-instantiated after a trap");
            } catch (AgentFailure fault) {
                trapped(fault, "on-init");
                return null;
            }
        }
        return instance;
    }

    private <T> T call(CallContext ctx, String export, java.util.function.Supplier<T> body) {
        current = ctx;
        long start = System.nanoTime();
        String outcome = "ok";
        try {
            return body.get();
        } catch (AgentFailure fault) {
            outcome = fault.kind().name().toLowerCase();
            throw fault;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // Whatever escapes the runtime unclassified is still the agent's failure, never the runner's.
            outcome = "trap";
            throw new AgentFailure(AgentFailure.Kind.TRAP, export + " failed: " + e, true, e);
        } finally {
            current = null;
            env.telemetry().call(export, System.nanoTime() - start, outcome);
        }
    }

    private void call(CallContext ctx, String export, Runnable body) {
        call(ctx, export, () -> {
            body.run();
            return null;
        });
    }

    private void trapped(AgentFailure fault, String export) {
        stats.traps.incrementAndGet();
        stats.lastError(export + ": " + fault.getMessage());
        env.telemetry().trap(fault.kind());
        say("error", "trap in " + export + " (" + fault.kind().name().toLowerCase() + "): " + fault.getMessage());
        closeInstance();
        int recent = trapWindow.record(env.clock().getAsLong());
        if (recent >= limits.quarantineTraps()) {
            say("error", "quarantined after " + recent + " traps within " + limits.quarantineWindow().toMinutes()
                    + " min (mowai.limits.quarantine-traps); upload a fixed component with PUT /agents/" + id + "/wasm");
            quarantinedAt = env.clock().getAsLong();
            setState(AgentState.QUARANTINED);
        }
    }

    private void closeInstance() {
        if (instance != null) {
            try {
                instance.close();
            } catch (RuntimeException e) {
                say("warn", "closing the instance failed: " + e.getMessage());
            }
            instance = null;
        }
    }

    private void setState(AgentState next) {
        if (state == next || state == AgentState.STOPPED) {
            return;
        }
        state = next;
        listener.stateChanged(this, next);
    }

    private String fitted(String text, int max, String limit, String what) {
        if (!Truncation.exceeds(text, max)) {
            return text;
        }
        limitHit(limit, what + " of " + text.length() + " characters truncated to " + max
                + " (mowai.limits." + limit + ")");
        return Truncation.fit(text, max);
    }

    private void limitHit(String limit, String message) {
        stats.limitHits.incrementAndGet();
        env.telemetry().limitHit(limit);
        CallContext ctx = current;
        if (ctx == null || ctx.budget().reported.add(limit)) {
            say("warn", "limit: " + message);
        }
    }

    private TaskBudget budget(String taskId) {
        synchronized (budgets) {
            return budgets.computeIfAbsent(taskId, k -> new TaskBudget());
        }
    }

    /** A task the lead posted (one this agent got from the arena) has its own budget; any other id shares one. */
    private TaskBudget reactionBudget(String taskId) {
        boolean known;
        synchronized (seenTasks) {
            known = seenTasks.contains(taskId);
        }
        if (known) {
            return budget(taskId);
        }
        long now = env.clock().getAsLong();
        if (unknownTasksSince == Long.MIN_VALUE || now - unknownTasksSince >= 60_000) {
            unknownTasks = new TaskBudget();
            unknownTasksSince = now;
        }
        return unknownTasks;
    }

    private static <V> Map<String, V> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    // ---- host imports --------------------------------------------------------------------------------

    private enum CallKind { INIT, TASK, REACTION, TRIAL }

    /** Per-task counters: every call made for one task (its handling and the reactions to it) shares them. */
    private static final class TaskBudget {
        int llmCalls;
        int thoughts;
        /** Limits already reported in the console for this task: one line per limit and task, not per hit. */
        final Set<String> reported = new HashSet<>();
    }

    /** The call in progress: what it is for, and which one-off warnings it already gave. */
    private record CallContext(CallKind kind, String taskId, int depth, TaskBudget budget, List<String> trialThoughts,
                               Set<String> reported) {
        CallContext(CallKind kind, String taskId, int depth, TaskBudget budget, List<String> trialThoughts) {
            this(kind, taskId, depth, budget, trialThoughts, new HashSet<>());
        }
    }

    private final class Host implements AgentHost {

        @Override
        public String hostLlm(String prompt) {
            CallContext ctx = current;
            TaskBudget budget = ctx == null ? new TaskBudget() : ctx.budget();
            if (budget.llmCalls >= limits.llmCallsPerTask()) {
                limitHit("llm-calls-per-task", "more than " + limits.llmCallsPerTask() + " host-llm calls for one task");
                env.telemetry().llmCall("refused", 0);
                return ERROR_PREFIX + "limit reached: at most " + limits.llmCallsPerTask()
                        + " host-llm calls per task (mowai.limits.llm-calls-per-task)";
            }
            if (prompt.length() > limits.promptMaxChars()) {
                limitHit("prompt-max-chars", "prompt of " + prompt.length() + " characters refused");
                env.telemetry().llmCall("refused", 0);
                return ERROR_PREFIX + "prompt too long: " + prompt.length() + " characters, at most "
                        + limits.promptMaxChars() + " (mowai.limits.prompt-max-chars)";
            }
            if (!llmPerMinute.tryAcquire(env.clock().getAsLong())) {
                limitHit("llm-calls-per-minute", "more than " + limits.llmCallsPerMinute() + " host-llm calls per minute");
                env.telemetry().llmCall("refused", 0);
                return ERROR_PREFIX + "limit reached: at most " + limits.llmCallsPerMinute()
                        + " host-llm calls per minute (mowai.limits.llm-calls-per-minute)";
            }
            budget.llmCalls++;
            stats.llmCalls.incrementAndGet();
            show(ConsoleLine.LLM, "prompt: " + prompt);
            long start = System.nanoTime();
            LlmPort.Reply reply = env.llm().complete(id, systemPrompt, prompt);
            long nanos = System.nanoTime() - start;
            return switch (reply) {
                case LlmPort.Reply.Ok ok -> {
                    env.telemetry().llmCall("ok", nanos);
                    show(ConsoleLine.LLM, "reply after " + nanos / 1_000_000 + " ms: " + ok.text());
                    yield ok.text();
                }
                case LlmPort.Reply.Failed failed -> {
                    env.telemetry().llmCall("error", nanos);
                    stats.llmErrors.incrementAndGet();
                    stats.lastError("host-llm: " + failed.reason());
                    say("warn", "host-llm failed: " + failed.reason());
                    yield ERROR_PREFIX + failed.reason();
                }
            };
        }

        @Override
        public void broadcast(String message) {
            CallContext ctx = current;
            if (ctx == null || ctx.taskId() == null) {
                if (ctx == null || ctx.reported().add("no-task")) {
                    say("warn", "broadcast outside a task is not relayed (only handle-task and on-peer-thought may broadcast)");
                }
                return;
            }
            if (message.isBlank()) {
                return;
            }
            TaskBudget budget = ctx.budget();
            if (budget.thoughts >= limits.broadcastsPerTask()) {
                limitHit("broadcasts-per-task", "more than " + limits.broadcastsPerTask()
                        + " thoughts for one task; the rest are not relayed");
                return;
            }
            if (ctx.kind() != CallKind.TRIAL && !thoughtsPerMinute.tryAcquire(env.clock().getAsLong())) {
                limitHit("broadcasts-per-minute", "more than " + limits.broadcastsPerMinute()
                        + " thoughts per minute; the rest are not relayed");
                return;
            }
            String content = fitted(message, limits.thoughtMaxChars(), "thought-max-chars", "thought");
            budget.thoughts++;
            int step = budget.thoughts;
            show(ConsoleLine.THOUGHT, content);
            if (ctx.kind() == CallKind.TRIAL) {
                ctx.trialThoughts().add(content);
                return;
            }
            stats.broadcasts.incrementAndGet();
            env.telemetry().thought();
            env.depths().record(id, ctx.taskId(), step, ctx.depth());
            if (!outbox.thought(ctx.taskId(), step, content) && ctx.reported().add("offline")) {
                say("warn", "thought not delivered: not connected to the arena");
            }
        }

        @Override
        public long nowMs() {
            return env.clock().getAsLong();
        }

        @Override
        public void log(String level, String message) {
            long now = env.clock().getAsLong();
            if (!logLinesPerMinute.tryAcquire(now)) {
                stats.limitHits.incrementAndGet();
                env.telemetry().limitHit("log-lines-per-minute");
                return;
            }
            String lvl = switch (level) {
                case "debug", "info", "warn", "error" -> level;
                default -> "info";
            };
            console.write(new ConsoleLine(now, lvl, ConsoleLine.AGENT, Truncation.fit(message, limits.logLineMaxChars())));
        }

        @Override
        public AgentConfig getConfig() {
            return config;
        }
    }

    /** The outbox before the arena link exists: nothing can be delivered. */
    private static final class Disconnected implements ArenaOutbox {
        @Override
        public boolean thought(String taskId, int step, String content) {
            return false;
        }

        @Override
        public boolean response(String taskId, String content, long durationMs) {
            return false;
        }
    }
}
