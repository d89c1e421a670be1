package dev.mowai.runner.component.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.runner.cli.AgentCli;
import dev.mowai.runner.component.agent.AgentConfig;
import dev.mowai.runner.component.agent.AgentLimits;
import dev.mowai.runner.component.agent.AgentRuntime;
import dev.mowai.runner.component.agent.ConformanceReport;
import dev.mowai.runner.component.agent.WithCliRuntime;
import dev.mowai.runner.fixtures.ReferenceHost;
import dev.mowai.runner.fixtures.TestAgents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agents built with default toolchain settings (src/test/agents: componentize-js with all
 * features, C and Rust through the preview1 adapter) run by {@code ./mowai agent run}'s code on our
 * WASI host, compared with the same
 * components under Node + {@code jco transpile} + {@code @bytecodealliance/preview2-shim} set up as
 * the same sandbox (reference-run.mjs: no env, args, preopens; TCP, UDP, DNS and HTTP denied).
 *
 * <p>Sandboxing differences between the two hosts, none visible to these agents:
 * <ul>
 *   <li>our stdout/stderr lines are capped (4096 bytes) and rate-limited (burst 256 KiB, 16 KiB/s);
 *       the reference host writes without limits;</li>
 *   <li>we enforce the spec's write sizes (a {@code write} beyond the check-write permit and a
 *       {@code blocking-write-and-flush} over 4096 bytes trap, as in wasmtime); preview2-shim accepts them;</li>
 *   <li>a blocking poll longer than the call's time limit traps at once here; under Node it waits;</li>
 *   <li>a denied HTTP request is {@code HTTP-request-denied} here, name lookups
 *       {@code permanent-resolver-failure}, socket creation {@code access-denied} (wasmtime's codes for
 *       disallowed uses); preview2-shim's deny switches report their own codes.</li>
 * </ul>
 */
class WasiAgentsTest extends WithCliRuntime {
    static final AgentConfig CONFIG = new AgentConfig("Ada", "#ff8800", "contrarian");
    static final String TASK = "Which planet? 🌍 é";
    static final String PEER_ID = "5f0c-peer";
    static final String PEER_TEXT = "I disagree 🌍";
    static final ObjectMapper JSON = new ObjectMapper();

    /** {@code ./mowai agent run}'s flow on our runtime: on-init, get-info, one peer thought, handle-task. */
    static JsonNode runHere(String agent) throws IOException {
        AgentCli.Options options = new AgentCli.Options(TestAgents.path(agent), TASK, CONFIG,
                List.<String[]>of(new String[] {PEER_ID, PEER_TEXT}), AgentLimits.DEFAULT, null);
        return JSON.valueToTree(AgentCli.runOnce(runtime, Files.readAllBytes(options.file()), options));
    }

    static JsonNode runReference(String agent) {
        return ReferenceHost.runAgent(TestAgents.path(agent), List.of("--task", TASK, "--name", CONFIG.name(),
                "--color", CONFIG.color(), "--persona", CONFIG.persona(), "--peer", PEER_ID + "=" + PEER_TEXT))
                .expectSuccess();
    }

    /** What each agent's WASI use must show in our run (src/test/agents/README.md), besides matching Node. */
    static final Map<String, List<String>> EXPECTED_LOG_LINES = Map.of(
            "c-wasi", List.of("{\"level\":\"error\",\"message\":\"c-wasi agent: stderr works (é 🌍)\"}",
                    "{\"level\":\"info\",\"message\":\"c-wasi agent: stdout works\"}"),
            // no preopened directory: wasi-libc fails the opens itself with ENOTCAPABLE (76)
            "c-wasi-files", List.of("open /etc/passwd: errno 76", "open mowai-probe.txt: errno 76"),
            "rust-wasi", List.of("{\"level\":\"info\",\"message\":\"rust-wasi 1.0.0 ready\"}",
                    "{\"level\":\"error\",\"message\":\"args=0 env=0\"}"),
            "js-wasi", List.of("{\"level\":\"info\",\"message\":\"js 1.0.0 ready\"}"));

    @ParameterizedTest
    @ValueSource(strings = {"c-wasi", "c-wasi-files", "rust-wasi", "js-wasi"})
    void behavesAsUnderNodeWithPreview2Shim(String agent) throws IOException {
        JsonNode here = runHere(agent);
        JsonNode reference = runReference(agent);
        for (String field : List.of("info", "result", "broadcasts", "llmPrompts", "logs")) {
            assertEquals(reference.get(field), here.get(field), agent + ": " + field);
        }
        assertEquals("Ada says: echo: As contrarian, answer: " + TASK, here.get("result").asText());
        String logs = here.get("logs").toString();
        EXPECTED_LOG_LINES.get(agent).forEach(line -> assertTrue(logs.contains(line), agent + ": " + logs));
        assertFalse(logs.contains("succeeded"), logs);
        if (agent.equals("rust-wasi")) {
            assertTrue(here.get("broadcasts").toString().contains("systemtime ok"), here.get("broadcasts").toString());
        }
    }

    @Test
    void conformanceListsWasiImportsAsProvided() throws IOException {
        // the runtime of ./mowai agent check and run
        ConformanceReport report = runtime.check(Files.readAllBytes(TestAgents.path("js-wasi"))).report();
        assertTrue(report.ok(), report.render());
        long wasi = report.imports().stream().filter(i -> i.startsWith("wasi:")).count();
        assertEquals(18, wasi, report.render());
        assertTrue(report.unsupported().isEmpty(), report.render());
    }

    @Test
    void conformanceStillNamesEveryImportTheHostLacks() throws IOException {
        Path js = TestAgents.path("js-wasi");
        try (AgentRuntime noHttp = new AgentRuntime(AgentLimits.DEFAULT, (linker, host) ->
                new WasiHost(WasiConfig.DEFAULTS, host::log).interfaces().stream()
                        .filter(i -> !i.name().startsWith("wasi:http/")).forEach(linker::define))) {
            ConformanceReport report = noHttp.check(Files.readAllBytes(js)).report();
            assertFalse(report.ok());
            assertEquals(List.of("wasi:http/types@0.2.10", "wasi:http/outgoing-handler@0.2.10"),
                    report.unsupported().stream().sorted(java.util.Comparator.reverseOrder()).toList(), report.render());
            assertEquals(List.of("import 'wasi:http/types@0.2.10' is not provided by the host (it provides no interface "
                    + "of package wasi:http)", "import 'wasi:http/outgoing-handler@0.2.10' is not provided by the host "
                    + "(it provides no interface of package wasi:http)"), report.problems(), report.render());
        }
    }
}
