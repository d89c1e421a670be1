package dev.mowai.runner.component.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mowai.runner.cli.RecordingHost;
import dev.mowai.runner.fixtures.TestAgents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: a 100 KiB string crosses the JS agent (SpiderMonkey) intact both ways, through every
 * import that carries text: a host string lowered into on-peer-thought comes back whole in its
 * broadcast; a string the guest builds goes whole to host-llm, and host-llm's answer comes back whole
 * in handle-task's result. Correctness only: how long it takes is {@code ./mowai bench agent}'s
 * "echo" rows. The call limit is generous because a cold SpiderMonkey runs in GraalWasm's
 * interpreter, and this machine may be loaded.
 */
class JsLargeStringsTest {
    private static final int BYTES = 100 << 10;
    private static AgentRuntime runtime;
    private static AgentRuntime.Checked js;

    @BeforeAll
    static void start() throws Exception {
        runtime = new AgentRuntime(AgentLimits.DEFAULT.withCallTimeout(Duration.ofMinutes(10)));
        js = runtime.check(Files.readAllBytes(TestAgents.path("js")));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void aHundredKibibytePeerThoughtComesBackWholeInTheBroadcast() {
        RecordingHost host = new RecordingHost(new AgentConfig("Ada", "#ff8800", "contrarian"));
        // every kind of utf-8 sequence: 1, 2, 3 and 4 bytes (a surrogate pair in Java and in JS)
        String thought = "aé€🌍".repeat(BYTES / 10);
        assertEquals(BYTES, thought.getBytes(StandardCharsets.UTF_8).length);
        try (Agent agent = runtime.instantiate(js, host)) {
            agent.onInit();
            agent.onPeerThought("peer-1", thought);
        }
        assertEquals("Ada hears peer-1: " + thought, host.broadcasts().getLast());
    }

    @Test
    void aHundredKibibytePromptAndAnswerCrossHostLlmWhole() {
        RecordingHost host = new RecordingHost(new AgentConfig("Ada", "#ff8800", "contrarian"));
        String prompt = "é🌍ab".repeat(BYTES / 8); // what the agent builds for "@big N"
        try (Agent agent = runtime.instantiate(js, host)) {
            agent.onInit();
            assertEquals("Ada says: echo: " + prompt, agent.handleTask("@big " + BYTES / 8));
        }
        assertEquals(prompt, host.llmPrompts().getLast());
    }
}
