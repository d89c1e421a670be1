package dev.mowai.runner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.agent.AgentConfig;
import dev.mowai.runner.component.agent.AgentFailure;
import dev.mowai.runner.component.agent.AgentInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class AgentCellTest {

    static final String TASK = "11111111-1111-4111-8111-111111111111";
    static final String TASK2 = "22222222-2222-4222-8222-222222222222";
    static final String PEER = "33333333-3333-4333-8333-333333333333";

    final ManualExecutor pool = new ManualExecutor();
    final FakeAgent.Runtime runtime = new FakeAgent.Runtime();
    final long[] now = {1_000_000};
    final List<String> limitHits = new ArrayList<>();
    final List<String> prompts = new ArrayList<>();
    final ThoughtDepths depths = new ThoughtDepths(1000);
    LlmPort llm = (agent, system, prompt) -> {
        prompts.add(agent + "|" + system + "|" + prompt);
        return new LlmPort.Reply.Ok("model says: " + prompt);
    };
    final Telemetry telemetry = new Telemetry() {
        @Override public void call(String export, long nanos, String outcome) { }
        @Override public void trap(AgentFailure.Kind kind) { }
        @Override public void limitHit(String limit) { limitHits.add(limit); }
        @Override public void llmCall(String outcome, long nanos) { }
        @Override public void thought() { }
    };

    /** What the agent sent to the arena. */
    final class Outbox implements ArenaOutbox {
        final List<String> sent = new ArrayList<>();
        boolean connected = true;

        @Override
        public boolean thought(String taskId, int step, String content) {
            sent.add("thought " + taskId.substring(0, 4) + " #" + step + " " + content);
            return connected;
        }

        @Override
        public boolean response(String taskId, String content, long durationMs) {
            sent.add("response " + taskId.substring(0, 4) + " " + content);
            return connected;
        }
    }

    Limits limits(int llmPerTask, int perTask, int perMinute, int cascade, int traps, int mailbox) {
        return limits(llmPerTask, perTask, perMinute, cascade, traps, mailbox, 1000);
    }

    Limits limits(int llmPerTask, int perTask, int perMinute, int cascade, int traps, int mailbox, int llmPerMinute) {
        return new Limits(1 << 20, Duration.ofSeconds(5), 1 << 24, llmPerTask, 100, perTask, perMinute, 1024, 2048,
                cascade, traps, Duration.ofMinutes(10), mailbox, 50, 3, llmPerMinute, Duration.ofSeconds(2));
    }

    /** Deadlines the test fires by hand ({@link #fireDeadlines}); cancelled ones never fire. */
    final List<Runnable> deadlines = new ArrayList<>();

    void fireDeadlines() {
        List.copyOf(deadlines).forEach(Runnable::run);
        deadlines.clear();
    }

    AgentCell cell(String id, Limits limits) {
        AgentCell.Environment env = new AgentCell.Environment(limits, runtime, pool,
                (a, s, p) -> llm.complete(a, s, p), () -> now[0], depths, telemetry, (delay, action) -> {
                    boolean[] cancelled = {false};
                    Runnable guarded = () -> {
                        if (!cancelled[0]) {
                            action.run();
                        }
                    };
                    deadlines.add(guarded);
                    return () -> {
                        cancelled[0] = true;
                        deadlines.remove(guarded);
                    };
                });
        return new AgentCell(id, new AgentConfig("Ada", "#ff8800", "pragmatist"), "You are pragmatic.", env);
    }

    AgentCell loaded(String id, Limits limits) {
        AgentCell cell = cell(id, limits);
        CompletableFuture<AgentInfo> info = cell.load(runtime.check(new byte[0]));
        pool.runAll();
        assertTrue(info.isDone());
        return cell;
    }

    AgentCell loaded() {
        return loaded("44444444-4444-4444-8444-444444444444", limits(3, 4, 60, 2, 3, 16));
    }

    @Test
    void loadCallsOnInitThenGetInfoAndActivates() throws Exception {
        AgentCell cell = cell("44444444-4444-4444-8444-444444444444", limits(3, 4, 60, 2, 3, 16));
        assertEquals(AgentState.STARTING, cell.state());
        CompletableFuture<AgentInfo> info = cell.load(runtime.check(new byte[0]));
        pool.runAll();
        assertEquals("fake", info.get().name());
        assertEquals(List.of("on-init", "get-info"), runtime.last().calls);
        assertEquals(AgentState.ACTIVE, cell.state());
        assertEquals("fake", cell.info().name());
    }

    @Test
    void aTrapInOnInitFailsTheLoadAndLeavesNothingRunning() {
        runtime.setup = (a, n) -> a.onInit = h -> {
            throw new AgentFailure(AgentFailure.Kind.TRAP, "unreachable", true, null);
        };
        AgentCell cell = cell("44444444-4444-4444-8444-444444444444", limits(3, 4, 60, 2, 3, 16));
        CompletableFuture<AgentInfo> info = cell.load(runtime.check(new byte[0]));
        pool.runAll();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, info::get);
        assertTrue(e.getCause().getMessage().contains("unreachable"));
        assertTrue(runtime.last().closed);
        assertEquals(AgentState.STARTING, cell.state());
    }

    @Test
    void anUnclassifiedExceptionFromTheRuntimeIsStillAnAgentFailure() {
        runtime.setup = (a, n) -> a.onInit = h -> {
            throw new IllegalStateException("guest did something odd");
        };
        AgentCell cell = cell("44444444-4444-4444-8444-444444444444", limits(3, 4, 60, 2, 3, 16));
        CompletableFuture<AgentInfo> info = cell.load(runtime.check(new byte[0]));
        pool.runAll();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, info::get);
        assertTrue(e.getCause() instanceof AgentFailure);
    }

    @Test
    void aTaskBecomesNumberedThoughtsAndOneResponse() {
        AgentCell cell = loaded();
        Outbox out = new Outbox();
        cell.connect(out);
        runtime.last().onTask = (h, task) -> {
            h.broadcast("first");
            h.broadcast("second");
            return "done: " + task;
        };
        cell.task(TASK, "build a bridge");
        pool.runAll();
        assertEquals(List.of("thought 1111 #1 first", "thought 1111 #2 second", "response 1111 done: build a bridge"), out.sent);
        assertEquals(1, cell.stats().tasksHandled.get());
        assertEquals(2, cell.stats().broadcasts.get());
    }

    @Test
    void aReplayedTaskIsNotHandledTwice() {
        AgentCell cell = loaded();
        cell.connect(new Outbox());
        cell.task(TASK, "one");
        cell.task(TASK, "one");
        pool.runAll();
        assertEquals(1, runtime.last().calls.stream().filter(c -> c.startsWith("handle-task")).count());
        assertEquals(List.of(TASK), cell.recentTasks(5));
    }

    @Test
    void rememberedTasksFromBeforeARestartAreIgnored() {
        AgentCell cell = loaded();
        cell.rememberTasks(List.of(TASK));
        cell.task(TASK, "old");
        cell.task(TASK2, "new");
        pool.runAll();
        assertEquals(List.of("on-init", "get-info", "handle-task:new"), runtime.last().calls);
    }

    @Test
    void hostLlmSendsThePersonaAndTheAgentIdAndIsLimitedPerTask() {
        AgentCell cell = loaded();
        cell.connect(new Outbox());
        List<String> replies = new ArrayList<>();
        runtime.last().onTask = (h, task) -> {
            for (int i = 0; i < 5; i++) {
                replies.add(h.hostLlm("q" + i));
            }
            return "ok";
        };
        cell.task(TASK, "t");
        pool.runAll();
        assertEquals(List.of("44444444-4444-4444-8444-444444444444|You are pragmatic.|q0",
                "44444444-4444-4444-8444-444444444444|You are pragmatic.|q1",
                "44444444-4444-4444-8444-444444444444|You are pragmatic.|q2"), prompts);
        assertEquals("model says: q0", replies.get(0));
        assertTrue(replies.get(3).startsWith(AgentCell.ERROR_PREFIX + "limit reached: at most 3 host-llm calls"));
        assertEquals(List.of("llm-calls-per-task", "llm-calls-per-task"), limitHits);
        assertEquals(3, cell.stats().llmCalls.get());
        assertEquals(2, cell.stats().limitHits.get());
        assertEquals(1, cell.console().recent().stream().filter(l -> l.text().contains("host-llm calls")).count(),
                "a limit is reported once per task in the console");
    }

    @Test
    void anOverlongPromptIsRefusedWithAClearText() {
        AgentCell cell = loaded();
        String[] reply = new String[1];
        runtime.last().onTask = (h, task) -> reply[0] = h.hostLlm("x".repeat(101));
        cell.task(TASK, "t");
        pool.runAll();
        assertTrue(reply[0].startsWith("[mowai error] prompt too long: 101 characters, at most 100"));
        assertTrue(prompts.isEmpty());
    }

    @Test
    void aGatewayFailureIsAnErrorTextNotATrap() {
        llm = (a, s, p) -> new LlmPort.Reply.Failed("the inference gateway is unreachable at http://x");
        AgentCell cell = loaded();
        Outbox out = new Outbox();
        cell.connect(out);
        runtime.last().onTask = (h, task) -> h.hostLlm("hi");
        cell.task(TASK, "t");
        pool.runAll();
        assertEquals(List.of("response 1111 [mowai error] the inference gateway is unreachable at http://x"), out.sent);
        assertEquals(0, cell.stats().traps.get());
        assertEquals(1, cell.stats().llmErrors.get());
        assertTrue(cell.stats().lastError().contains("unreachable"));
        assertTrue(cell.console().recent().stream().anyMatch(l -> l.level().equals("warn") && l.text().contains("host-llm failed")));
    }

    @Test
    void broadcastsPerTaskAreBounded() {
        AgentCell cell = loaded();
        Outbox out = new Outbox();
        cell.connect(out);
        runtime.last().onTask = (h, task) -> {
            for (int i = 0; i < 10; i++) {
                h.broadcast("t" + i);
            }
            return "r";
        };
        cell.task(TASK, "t");
        pool.runAll();
        assertEquals(5, out.sent.size(), "4 thoughts and the response");
        assertEquals(6, limitHits.stream().filter("broadcasts-per-task"::equals).count());
    }

    @Test
    void aLimitHitByManyReactionsIsReportedOncePerTask() {
        AgentCell cell = loaded("44444444-4444-4444-8444-444444444444", limits(3, 1, 600, 2, 3, 16));
        cell.connect(new Outbox());
        runtime.last().onPeer = (h, peer, content) -> h.broadcast("re: " + content);
        for (int i = 1; i <= 5; i++) {
            cell.peerThought(PEER, TASK, i, "p" + i);
        }
        pool.runAll();
        assertEquals(4, limitHits.stream().filter("broadcasts-per-task"::equals).count());
        assertEquals(1, cell.console().recent().stream().filter(l -> l.text().contains("thoughts for one task")).count());
    }

    @Test
    void broadcastsPerMinuteAreBoundedAcrossTasksAndRecoverAfterAMinute() {
        AgentCell cell = loaded("44444444-4444-4444-8444-444444444444", limits(3, 10, 3, 2, 3, 16));
        Outbox out = new Outbox();
        cell.connect(out);
        runtime.last().onTask = (h, task) -> {
            h.broadcast("a");
            h.broadcast("b");
            return "r";
        };
        cell.task(TASK, "t1");
        cell.task(TASK2, "t2");
        pool.runAll();
        assertEquals(3, out.sent.stream().filter(s -> s.startsWith("thought")).count());
        assertEquals(List.of("broadcasts-per-minute"), limitHits);
        now[0] += 60_001;
        cell.task("55555555-5555-4555-8555-555555555555", "t3");
        pool.runAll();
        assertEquals(5, out.sent.stream().filter(s -> s.startsWith("thought")).count());
    }

    @Test
    void overlongThoughtsAndAnswersAreTruncatedAndMarked() {
        AgentCell cell = loaded();
        Outbox out = new Outbox();
        cell.connect(out);
        runtime.last().onTask = (h, task) -> {
            h.broadcast("y".repeat(5000));
            return "z".repeat(5000);
        };
        cell.task(TASK, "t");
        pool.runAll();
        String thought = out.sent.get(0).substring("thought 1111 #1 ".length());
        String answer = out.sent.get(1).substring("response 1111 ".length());
        assertEquals(1024, thought.length());
        assertEquals(2048, answer.length());
        assertTrue(thought.endsWith(Truncation.MARKER));
        assertTrue(answer.endsWith(Truncation.MARKER));
        assertEquals(List.of("thought-max-chars", "response-max-chars"), limitHits);
    }

    @Test
    void blankAnswersAndBlankThoughtsAreNotSent() {
        AgentCell cell = loaded();
        Outbox out = new Outbox();
        cell.connect(out);
        runtime.last().onTask = (h, task) -> {
            h.broadcast("   ");
            return "";
        };
        cell.task(TASK, "t");
        pool.runAll();
        assertEquals(List.of(), out.sent);
    }

    @Test
    void broadcastsOutsideATaskAreNotRelayed() {
        runtime.setup = (a, n) -> a.onInit = h -> h.broadcast("hello from on-init");
        AgentCell cell = loaded();
        Outbox out = new Outbox();
        cell.connect(out);
        assertEquals(List.of(), out.sent);
        assertTrue(cell.console().recent().stream().anyMatch(l -> l.text().contains("outside a task")));
    }

    @Test
    void reactionCascadesStopAtTheConfiguredDepth() {
        Limits limits = limits(3, 50, 600, 2, 3, 16);
        String a = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
        String b = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
        AgentCell cellA = loaded(a, limits);
        FakeAgent agentA = runtime.last();
        AgentCell cellB = loaded(b, limits);
        FakeAgent agentB = runtime.last();
        // A tiny arena: every thought goes to the other agent as a peer thought.
        List<String> relayed = new ArrayList<>();
        cellA.connect(new Relay(a, cellB, relayed));
        cellB.connect(new Relay(b, cellA, relayed));
        agentA.onTask = (h, t) -> {
            h.broadcast("A thinks");
            return "A done";
        };
        FakeAgent.PeerReaction echo = (h, peer, content) -> h.broadcast("re: " + content);
        agentA.onPeer = echo;
        agentB.onPeer = echo;
        cellA.task(TASK, "t");
        pool.runAll();
        // depth 0: "A thinks"; depth 1: B's reaction; depth 2: A's reaction to it; B never hears depth 2.
        assertEquals(List.of("A#1 A thinks", "B#1 re: A thinks", "A#2 re: re: A thinks"), relayed);
        assertEquals(1, agentB.calls.stream().filter(c -> c.startsWith("on-peer-thought")).count());
        assertTrue(limitHits.contains("cascade-depth"));
    }

    /** Delivers one cell's thoughts to another, as the arena would (PEER_THOUGHT). */
    final class Relay implements ArenaOutbox {
        final String self;
        final AgentCell other;
        final List<String> log;

        Relay(String self, AgentCell other, List<String> log) {
            this.self = self;
            this.other = other;
            this.log = log;
        }

        @Override
        public boolean thought(String taskId, int step, String content) {
            log.add(self.substring(0, 1).toUpperCase() + "#" + step + " " + content);
            other.peerThought(self, taskId, step, content);
            return true;
        }

        @Override
        public boolean response(String taskId, String content, long durationMs) {
            return true;
        }
    }

    @Test
    void thoughtsAboutMadeUpTaskIdsShareOneBudgetInsteadOfAFreshOneEach() {
        // 40 PEER_THOUGHTs with fresh random task ids used to reach on-peer-thought with 8 host-llm calls each.
        AgentCell cell = loaded("44444444-4444-4444-8444-444444444444", limits(8, 4, 60, 2, 3, 64));
        cell.connect(new Outbox());
        runtime.last().onPeer = (h, peer, content) -> {
            for (int i = 0; i < 8; i++) {
                h.hostLlm("react " + i);
            }
        };
        for (int i = 0; i < 40; i++) {
            cell.peerThought(PEER, java.util.UUID.randomUUID().toString(), 1, "bait " + i);
        }
        pool.runAll();
        assertEquals(8, prompts.size(), "all made-up task ids together get one task's budget");
        assertTrue(limitHits.contains("llm-calls-per-task"));
        now[0] += 60_000;
        cell.peerThought(PEER, java.util.UUID.randomUUID().toString(), 1, "a minute later");
        pool.runAll();
        assertEquals(16, prompts.size(), "the shared budget renews each minute");
    }

    @Test
    void thoughtsAboutATaskTheLeadPostedUseThatTasksBudget() {
        AgentCell cell = loaded("44444444-4444-4444-8444-444444444444", limits(3, 4, 60, 2, 3, 64));
        cell.connect(new Outbox());
        FakeAgent agent = runtime.last();
        agent.onTask = (h, t) -> h.hostLlm("task");
        agent.onPeer = (h, peer, content) -> h.hostLlm("react");
        cell.task(TASK, "posted");
        pool.runAll();
        cell.peerThought(PEER, "made-up", 1, "uses the shared budget");
        for (int i = 0; i < 4; i++) {
            cell.peerThought(PEER, TASK, i + 1, "p" + i);
        }
        pool.runAll();
        // TASK: 1 call for the task + 2 reactions = its 3; the made-up id had its own shared call.
        assertEquals(4, prompts.size());
    }

    @Test
    void hostLlmCallsPerMinuteAreBoundedWhateverTheCallsAreFor() {
        AgentCell cell = loaded("44444444-4444-4444-8444-444444444444", limits(8, 4, 60, 2, 3, 64, 5));
        cell.connect(new Outbox());
        runtime.last().onTask = (h, t) -> h.hostLlm("t") + h.hostLlm("t") + h.hostLlm("t");
        cell.task(TASK, "one");
        cell.task(TASK2, "two");
        pool.runAll();
        assertEquals(5, prompts.size());
        assertTrue(limitHits.contains("llm-calls-per-minute"));
        now[0] += 60_001;
        cell.task("55555555-5555-4555-8555-555555555555", "three");
        pool.runAll();
        assertEquals(8, prompts.size());
    }

    @Test
    void aReactionPastItsShorterLimitIsStoppedAsATimeout() {
        AgentCell cell = loaded();
        cell.connect(new Outbox());
        FakeAgent first = runtime.last();
        first.onPeer = (h, peer, content) -> {
            // The reaction loops; the deadline closes the instance, as the runtime's cancel would.
            fireDeadlines();
            assertTrue(first.closed);
            throw new AgentFailure(AgentFailure.Kind.TRAP, "the component instance was closed", true, null);
        };
        cell.peerThought(PEER, TASK, 1, "spin");
        pool.runAll();
        assertEquals(1, cell.stats().traps.get());
        assertTrue(cell.stats().lastError().contains("mowai.limits.reaction-timeout"), cell.stats().lastError());
        assertTrue(deadlines.isEmpty());
        cell.peerThought(PEER, TASK, 2, "a quick one");
        pool.runAll();
        assertTrue(deadlines.isEmpty(), "a reaction that returns in time cancels its deadline");
        assertEquals(2, runtime.instances.size(), "re-instantiated after the timeout");
    }

    @Test
    void peerThoughtsReachOnPeerThoughtWithTheSourceId() {
        AgentCell cell = loaded();
        cell.peerThought(PEER, TASK, 1, "hello");
        pool.runAll();
        assertEquals("on-peer-thought:" + PEER + ":hello", runtime.last().calls.getLast());
        assertEquals(1, cell.stats().peerThoughts.get());
    }

    @Test
    void aTrapIsContainedTheInstanceReplacedAndRepeatedTrapsQuarantine() {
        AgentCell cell = loaded();
        List<AgentState> states = new ArrayList<>();
        cell.listen((c, s) -> states.add(s));
        Outbox out = new Outbox();
        cell.connect(out);
        runtime.setup = (a, n) -> a.onTask = (h, t) -> {
            throw new AgentFailure(AgentFailure.Kind.TIMEOUT, "call exceeded 5 s", true, null);
        };
        runtime.last().onTask = (h, t) -> {
            throw new AgentFailure(AgentFailure.Kind.TRAP, "unreachable executed", true, null);
        };
        cell.task(TASK, "t1");
        pool.runAll();
        assertTrue(runtime.instances.get(0).closed, "a trapped instance is never entered again");
        assertEquals(1, cell.stats().traps.get());
        assertEquals(AgentState.ACTIVE, cell.state());
        cell.task(TASK2, "t2");
        pool.runAll();
        assertEquals(2, runtime.instances.size(), "re-instantiated for the next call");
        assertEquals(List.of("on-init", "handle-task:t2"), runtime.instances.get(1).calls);
        cell.task("55555555-5555-4555-8555-555555555555", "t3");
        pool.runAll();
        assertEquals(AgentState.QUARANTINED, cell.state());
        assertEquals(List.of(AgentState.QUARANTINED), states);
        assertEquals(List.of(), out.sent);
        assertTrue(cell.stats().lastError().contains("call exceeded 5 s"));

        cell.task("66666666-6666-4666-8666-666666666666", "t4");
        pool.runAll();
        assertEquals(3, runtime.instances.size(), "a quarantined agent takes no calls");

        runtime.setup = (a, n) -> { };
        CompletableFuture<AgentInfo> swapped = cell.load(runtime.check(new byte[0]));
        pool.runAll();
        assertTrue(swapped.isDone() && !swapped.isCompletedExceptionally());
        assertEquals(AgentState.ACTIVE, cell.state(), "a new component lifts the quarantine");
        cell.task("77777777-7777-4777-8777-777777777777", "t5");
        pool.runAll();
        assertEquals(List.of("response 7777 answer to t5"), out.sent);
    }

    @Test
    void trapsOutsideTheWindowDoNotQuarantine() {
        AgentCell cell = loaded();
        runtime.setup = (a, n) -> a.onTask = (h, t) -> {
            throw new AgentFailure(AgentFailure.Kind.TRAP, "boom", true, null);
        };
        runtime.last().onTask = (h, t) -> {
            throw new AgentFailure(AgentFailure.Kind.TRAP, "boom", true, null);
        };
        for (int i = 0; i < 5; i++) {
            cell.task("5555555" + i + "-5555-4555-8555-555555555555", "t");
            pool.runAll();
            now[0] += Duration.ofMinutes(6).toMillis();
        }
        assertEquals(AgentState.ACTIVE, cell.state());
        assertEquals(5, cell.stats().traps.get());
    }

    @Test
    void aFailedHotSwapKeepsTheRunningInstance() {
        AgentCell cell = loaded();
        FakeAgent first = runtime.last();
        runtime.setup = (a, n) -> a.onInit = h -> {
            throw new AgentFailure(AgentFailure.Kind.TRAP, "bad new version", true, null);
        };
        CompletableFuture<AgentInfo> swap = cell.load(runtime.check(new byte[0]));
        pool.runAll();
        assertTrue(swap.isCompletedExceptionally());
        assertFalse(first.closed);
        cell.task(TASK, "still here");
        pool.runAll();
        assertEquals("handle-task:still here", first.calls.getLast());
    }

    @Test
    void aTrialCollectsThoughtsPrivately() throws Exception {
        AgentCell cell = loaded();
        Outbox out = new Outbox();
        cell.connect(out);
        runtime.last().onTask = (h, task) -> {
            h.broadcast("private thought");
            return h.hostLlm("p");
        };
        CompletableFuture<TrialResult> trial = cell.trial("try me");
        pool.runAll();
        TrialResult r = trial.get();
        assertEquals(List.of("private thought"), r.thoughts());
        assertEquals("model says: p", r.response());
        assertEquals(1, r.llmCalls());
        assertNull(r.error());
        assertEquals(List.of(), out.sent);
        assertEquals(0, cell.stats().tasksHandled.get());
    }

    @Test
    void aTrialOfATrappingAgentReportsTheTrap() throws Exception {
        AgentCell cell = loaded();
        runtime.last().onTask = (h, task) -> {
            throw new AgentFailure(AgentFailure.Kind.MEMORY_LIMIT, "memory limit of 16 MiB reached", true, null);
        };
        CompletableFuture<TrialResult> trial = cell.trial("try");
        pool.runAll();
        assertTrue(trial.get().error().contains("memory limit"));
        assertNull(trial.get().response());
    }

    @Test
    void stopClosesTheInstanceAndRefusesFurtherCalls() throws Exception {
        AgentCell cell = loaded();
        FakeAgent agent = runtime.last();
        cell.task(TASK, "pending");
        CompletableFuture<TrialResult> trial = cell.trial("pending trial");
        cell.stop();
        pool.runAll();
        assertTrue(agent.closed);
        assertEquals(AgentState.STOPPED, cell.state());
        assertEquals(List.of("on-init", "get-info"), agent.calls);
        assertTrue(trial.get().error().contains("cannot take calls"));
    }

    @Test
    void aFullMailboxShedsPeerThoughtsFirst() {
        AgentCell cell = loaded("44444444-4444-4444-8444-444444444444", limits(3, 4, 60, 2, 3, 2));
        cell.peerThought(PEER, TASK, 1, "p1");
        cell.peerThought(PEER, TASK, 2, "p2");
        cell.peerThought(PEER, TASK, 3, "p3");
        cell.task(TASK2, "important");
        pool.runAll();
        assertEquals(List.of("on-init", "get-info", "on-peer-thought:" + PEER + ":p2", "handle-task:important"),
                runtime.last().calls);
        assertEquals(2, cell.stats().shedCalls.get());
        assertTrue(limitHits.contains("mailbox-capacity"));
    }

    @Test
    void logWritesTheConsoleWithNormalisedLevelsTruncationAndARateLimit() {
        AgentCell cell = loaded();
        runtime.last().onTask = (h, task) -> {
            h.log("info", "hello");
            h.log("shout", "x".repeat(80));
            h.log("error", "third");
            h.log("info", "fourth is over the limit of 3 per minute");
            return "r";
        };
        cell.task(TASK, "t");
        pool.runAll();
        List<ConsoleLine> agentLines = cell.console().recent().stream().filter(l -> l.source().equals(ConsoleLine.AGENT)).toList();
        assertEquals(3, agentLines.size());
        assertEquals("info", agentLines.get(1).level());
        assertEquals(50, agentLines.get(1).text().length());
        assertEquals("error", agentLines.get(2).level());
        assertTrue(limitHits.contains("log-lines-per-minute"));
    }

    @Test
    void nowMsAndGetConfigAnswerFromTheHost() {
        AgentCell cell = loaded();
        long[] seen = new long[1];
        AgentConfig[] config = new AgentConfig[1];
        runtime.last().onTask = (h, task) -> {
            seen[0] = h.nowMs();
            config[0] = h.getConfig();
            return "r";
        };
        cell.task(TASK, "t");
        pool.runAll();
        assertEquals(now[0], seen[0]);
        assertEquals(new AgentConfig("Ada", "#ff8800", "pragmatist"), config[0]);
    }

    @Test
    void aDisconnectedSeatIsReportedInTheConsole() {
        AgentCell cell = loaded();
        Outbox out = new Outbox();
        out.connected = false;
        cell.connect(out);
        runtime.last().onTask = (h, task) -> {
            h.broadcast("lost");
            return "lost too";
        };
        cell.task(TASK, "t");
        pool.runAll();
        assertTrue(cell.console().recent().stream().anyMatch(l -> l.text().contains("thought not delivered")));
        assertTrue(cell.console().recent().stream().anyMatch(l -> l.text().contains("answer to task")));
    }

    @Test
    void aFailedRestoreMarksTheAgentFailedAndItTakesNoCalls() {
        AgentCell cell = cell("44444444-4444-4444-8444-444444444444", limits(3, 4, 60, 2, 3, 16));
        cell.markFailed("component missing");
        cell.task(TASK, "t");
        pool.runAll();
        assertEquals(AgentState.FAILED, cell.state());
        assertEquals(0, runtime.instances.size());
    }

    /** The lines that show what the agent does (not its own log, not the runner's remarks), as "source text". */
    static List<String> traffic(AgentCell cell) {
        return cell.console().recent().stream()
                .filter(l -> !l.source().equals(ConsoleLine.AGENT) && !l.source().equals(ConsoleLine.RUNNER))
                .map(l -> l.source() + " " + l.text().replaceAll("after \\d+ ms", "after N ms")).toList();
    }

    @Test
    void theConsoleShowsTheTaskEachPromptAndReplyTheThoughtsAndTheAnswerInOrder() {
        AgentCell cell = loaded();
        cell.connect(new Outbox());
        runtime.last().onTask = (h, task) -> {
            String plan = h.hostLlm("plan " + task);
            h.broadcast(plan);
            return "done";
        };
        cell.task(TASK, "bridge");
        pool.runAll();
        assertEquals(List.of("task arena task: bridge", "llm prompt: plan bridge", "llm reply after N ms: model says: plan bridge",
                "thought model says: plan bridge", "answer done"), traffic(cell));
        assertTrue(cell.console().recent().stream().filter(l -> !l.source().equals(ConsoleLine.RUNNER))
                .allMatch(l -> l.level().equals("info")));
    }

    @Test
    void aTrialShowsInTheConsoleToo() throws Exception {
        AgentCell cell = loaded();
        runtime.last().onTask = (h, task) -> {
            h.broadcast("hmm " + task);
            return "ok " + task;
        };
        CompletableFuture<TrialResult> trial = cell.trial("try");
        pool.runAll();
        assertEquals("ok try", trial.get().response());
        assertEquals(List.of("task trial: try", "thought hmm try", "answer ok try"), traffic(cell));
    }

    @Test
    void trafficLinesAreCutLikeLogLinesAndRefusedThoughtsAndPromptsAreNotShown() {
        AgentCell cell = loaded(); // log lines at most 50 characters, prompts 100, 4 thoughts and 3 llm calls per task
        cell.connect(new Outbox());
        runtime.last().onTask = (h, task) -> {
            h.hostLlm("x".repeat(101));
            for (int i = 0; i < 6; i++) {
                h.broadcast("t" + i);
            }
            return "y".repeat(80);
        };
        cell.task(TASK, "flood");
        pool.runAll();
        List<String> lines = traffic(cell);
        assertEquals(List.of("task arena task: flood", "thought t0", "thought t1", "thought t2", "thought t3",
                "answer " + Truncation.fit("y".repeat(80), 50)), lines);
        assertTrue(cell.console().recent().stream().allMatch(l -> l.text().length() <= 50 || l.source().equals(ConsoleLine.RUNNER)));
    }
}
