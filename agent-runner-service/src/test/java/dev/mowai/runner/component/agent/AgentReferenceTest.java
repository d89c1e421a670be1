package dev.mowai.runner.component.agent;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.runner.cli.AgentCli;
import dev.mowai.runner.fixtures.ReferenceHost;
import dev.mowai.runner.fixtures.TestAgents;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real agents (C reactor, C freestanding, Rust, JavaScript; C and Rust with WASI stdio) give the same JSON under our runtime
 * as under Node + jco transpile with the same host behaviour: unicode, peers, config, a u64 clock,
 * records, and a 1 MiB prompt/reply/result.
 */
class AgentReferenceTest extends WithCliRuntime {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void assertSameAsReference(String agent, List<String> args) throws Exception {
        Path file = TestAgents.path(agent);
        List<String> full = new ArrayList<>(List.of("run", file.toString()));
        full.addAll(args);
        AgentCli.Options options = AgentCli.parse(full.toArray(String[]::new), true);
        JsonNode ours = JSON.valueToTree(AgentCli.runOnce(runtime, Files.readAllBytes(file), options));
        JsonNode reference = ReferenceHost.runAgent(file, args).expectSuccess();
        assertEquals(reference, ours, () -> agent + ": our runtime and the Node reference differ");
        assertEquals(TestAgents.VERSIONS.get(agent), ours.get("info").get("version").asText());
        assertTrue(ours.get("broadcasts").toString().contains("clock ok"), ours.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"c-reactor", "c-freestanding", "rust", "js", "c-wasi", "rust-wasi"})
    void unicodePeersAndConfigMatchTheReference(String agent) throws Exception {
        assertSameAsReference(agent, List.of("--task", "Résume the 🌍 in «three» words — 日本語 ok?",
                "--name", "Zoë 🦊", "--color", "#ff8800", "--persona", "contrarian",
                "--peer", "5b1f0c2e-9a7d-4f00-8c1e-2f6a1d3b4c5d=Je pense donc je suis é",
                "--peer", "peer-2=🌍🌍 second thought"));
    }

    /** The same as the reference, and the documented behaviour: the prompt is exactly 1 MiB of utf-8. */
    @ParameterizedTest
    @ValueSource(strings = {"c-reactor", "rust"})
    void aOneMebibytePromptReplyAndResultCrossIntact(String agent) throws Exception {
        Path file = TestAgents.path(agent);
        AgentCli.Options options = AgentCli.parse(new String[] {"run", file.toString(), "--task", "@big 131072"}, true);
        JsonNode ours = JSON.valueToTree(AgentCli.runOnce(runtime, Files.readAllBytes(file), options));
        String prompt = "é🌍ab".repeat(131072);
        assertEquals(1 << 20, prompt.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertEquals(prompt, ours.get("llmPrompts").get(0).asText());
        assertEquals("agent says: echo: " + prompt, ours.get("result").asText());
        assertEquals("[\"agent is thinking about: @big 131072\",\"clock ok\"]", ours.get("broadcasts").toString());
        assertEquals(ReferenceHost.runAgent(file, List.of("--task", "@big 131072")).expectSuccess(), ours,
                () -> agent + ": our runtime and the Node reference differ");
    }
}
