package dev.mowai.runner.component.agent;

import static org.junit.jupiter.api.Assertions.*;

import dev.mowai.runner.cli.RecordingHost;
import dev.mowai.runner.component.abi.BoundaryLimits;
import dev.mowai.runner.fixtures.TestAgents;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;

/** Each limit and failure is reported with its own kind; the agent is usable or cleanly discarded afterwards. */
class AgentFailuresTest {
    private static final AgentConfig CONFIG = new AgentConfig("Ada", "#123456", "skeptic");
    private static AgentRuntime runtime;

    @BeforeAll
    static void start() {
        // 5 s per call leaves room for a busy CI machine; 1000 bytes of string keep the caps easy to hit.
        runtime = new AgentRuntime(AgentLimits.DEFAULT.withCallTimeout(Duration.ofSeconds(5))
                .withBoundary(new BoundaryLimits(1000, 1000, 100_000)));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static Agent load(String name, RecordingHost host) throws Exception {
        Agent agent = runtime.load(Files.readAllBytes(TestAgents.path(name)), host);
        agent.onInit();
        return agent;
    }

    @Test
    void theTypedBindingCallsEveryExportAndImport() throws Exception {
        RecordingHost host = new RecordingHost(CONFIG);
        try (Agent agent = load("c-freestanding", host)) {
            assertEquals(new AgentInfo("Ada", "c-freestanding 1.0.0", "#123456", "skeptic"), agent.getInfo());
            agent.onPeerThought("p-1", "hello");
            assertEquals("Ada says: echo: As skeptic, answer: why?", agent.handleTask("why?"));
            assertEquals("Ada says: echo: As skeptic, answer: again", agent.handleTask("again"));
            assertEquals(java.util.List.of("Ada hears p-1: hello", "Ada is thinking about: why?", "clock ok",
                    "Ada is thinking about: again", "clock ok"), host.broadcasts());
            assertEquals(java.util.List.of("As skeptic, answer: why?", "As skeptic, answer: again"), host.llmPrompts());
            assertEquals(new RecordingHost.LogLine("info", "init Ada"), host.logs().getFirst());
            assertTrue(agent.usable());
        }
    }

    @Test
    void anInfiniteLoopIsATimeoutAndDiscardsTheAgent() throws Exception {
        try (Agent agent = load("hostile-loop", new RecordingHost(CONFIG))) {
            AgentFailure f = assertThrows(AgentFailure.class, () -> agent.handleTask("spin"));
            assertEquals(AgentFailure.Kind.TIMEOUT, f.kind());
            assertTrue(f.discarded());
            assertTrue(f.getMessage().contains("time limit of 5000 ms"), f.getMessage());
            assertFalse(agent.usable());
            AgentFailure again = assertThrows(AgentFailure.class, agent::getInfo);
            assertEquals(AgentFailure.Kind.DISCARDED, again.kind());
        }
    }

    @Test
    void invalidValuesFromTheGuestAreTrapsThatDiscardTheAgent() throws Exception {
        try (Agent agent = load("hostile-bad-utf8", new RecordingHost(CONFIG))) {
            AgentFailure f = assertThrows(AgentFailure.class, () -> agent.handleTask("go"));
            assertEquals(AgentFailure.Kind.TRAP, f.kind());
            assertTrue(f.discarded());
            assertTrue(f.getMessage().contains("invalid utf-8"), f.getMessage());
        }
        try (Agent agent = load("hostile-oob-pointer", new RecordingHost(CONFIG))) {
            AgentFailure f = assertThrows(AgentFailure.class, () -> agent.handleTask("go"));
            assertEquals(AgentFailure.Kind.TRAP, f.kind());
            assertTrue(f.getMessage().contains("beyond guest memory"), f.getMessage());
        }
    }

    @Test
    void aTaskOverTheBoundaryCapIsRefusedAndTheAgentStaysUsable() throws Exception {
        RecordingHost host = new RecordingHost(CONFIG);
        try (Agent agent = load("c-reactor", host)) {
            AgentFailure f = assertThrows(AgentFailure.class, () -> agent.handleTask("x".repeat(1001)));
            assertEquals(AgentFailure.Kind.BOUNDARY_LIMIT, f.kind());
            assertFalse(f.discarded());
            assertTrue(f.getMessage().contains("max-string-bytes = 1000"), f.getMessage());
            assertTrue(agent.usable());
            assertEquals("Ada says: echo: As skeptic, answer: ok", agent.handleTask("ok"));
        }
    }

    @Test
    void aGuestStringOverTheBoundaryCapIsALimitThatDiscardsTheAgent() throws Exception {
        try (Agent agent = load("rust", new RecordingHost(CONFIG))) {
            // "@big 200": the agent sends a 1600-byte prompt to host-llm
            AgentFailure f = assertThrows(AgentFailure.class, () -> agent.handleTask("@big 200"));
            assertEquals(AgentFailure.Kind.BOUNDARY_LIMIT, f.kind());
            assertTrue(f.discarded());
            assertThrows(AgentFailure.class, () -> agent.handleTask("ok"));
        }
    }

    @Test
    void stackExhaustionIsATrapAndOtherAgentsAreUnaffected() throws Exception {
        try (Agent agent = load("hostile-recursion", new RecordingHost(CONFIG))) {
            AgentFailure f = assertThrows(AgentFailure.class, () -> agent.handleTask("deep"));
            assertEquals(AgentFailure.Kind.TRAP, f.kind());
        }
        try (Agent other = load("c-freestanding", new RecordingHost(CONFIG))) {
            assertEquals("c-freestanding 1.0.0", other.getInfo().version());
        }
    }

    @Test
    void theMemoryCapBoundsAMemoryBomb() throws Exception {
        try (AgentRuntime capped = new AgentRuntime(AgentLimits.DEFAULT.withMaxMemoryBytes(4L << 20));
             Agent agent = capped.load(Files.readAllBytes(TestAgents.path("hostile-membomb")), new RecordingHost(CONFIG))) {
            // 4 MiB for memory and tables together: the tables' few elements cost the memory its last page
            assertEquals("memory bomb stopped at 63 pages", agent.handleTask("boom"));
            assertTrue(agent.usable());
        }
    }
}
