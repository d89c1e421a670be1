package dev.mowai.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.runner.fixtures.ReferenceHost;
import dev.mowai.runner.fixtures.SeedCopies;
import dev.mowai.runner.fixtures.TestAgents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13: agents built for the seed run unchanged. {@code mowai agent check} and {@code run} on
 * components built in the test phase from the seed's own WIT text (src/test/agents/wit/seed-agent.wit)
 * by every toolchain here, with and without WASI, from our wit/agent.wit, from the seed's WIT with
 * other parameter names (conforms, with a note), and with real mismatches (refused, naming the
 * function and the difference). See src/test/agents/README.md for how each is built.
 */
class SeedContractTest {
    /** Seed's WIT: c-reactor (clang + wasi-libc), rust, js, and with WASI c-wasi, rust-wasi, js-wasi; ours: the rest. */
    @ParameterizedTest
    @ValueSource(strings = {"c-reactor", "rust", "js", "c-wasi", "rust-wasi", "js-wasi",
        "c-freestanding", "c-wasi-files", "template-c", "template-js", "c-renamed-params"})
    void checkAndRunAnswerTheTask(String agent) throws Exception {
        String file = TestAgents.path(agent).toString();
        AgentCliTest.Result check = AgentCliTest.cli("check", file);
        assertEquals(0, check.status(), check.out() + check.err());
        assertTrue(check.out().contains("conformance: OK"), check.out());

        AgentCliTest.Result run = AgentCliTest.cli("run", file, "--task", "Plan a picnic", "--name", "Ada", "--persona", "poet",
                "--peer", "0a1b2c3d-0000-4000-8000-000000000000=a long enough thought from a peer to react to");
        assertEquals(0, run.status(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("Ada", json.at("/info/name").asText(), run.out());
        String result = json.get("result").asText();
        assertTrue(agent.startsWith("template") ? !result.isBlank() : result.equals("Ada says: echo: As poet, answer: Plan a picnic"),
                run.out());
    }

    @Test
    void parameterNamesOtherThanTheWorldsAreANote() {
        AgentCliTest.Result check = AgentCliTest.cli("check", TestAgents.path("c-renamed-params").toString());
        assertEquals(0, check.status(), check.out());
        assertTrue(check.out().contains("  handle-task: func(task: string) -> string"), check.out());
        assertTrue(check.out().contains("notes:\n"), check.out());
        assertTrue(check.out().contains("  - export 'handle-task': parameter names differ (expected "
                + "func(task-description: string) -> string, found func(task: string) -> string); names are not part "
                + "of the ABI, so it matches"), check.out());
        assertTrue(check.out().contains("  - export 'on-peer-thought': parameter names differ"), check.out());
        assertTrue(check.out().contains("  - import 'host-llm': parameter names differ (expected func(prompt: string) "
                + "-> string, found func(question: string) -> string)"), check.out());
    }

    @Test
    void jcoRunsTheRenamedParametersComponentToo() {
        // the host participants know calls it fine: parameter names are not part of the ABI
        JsonNode out = ReferenceHost.runAgent(TestAgents.path("c-renamed-params"), List.of("--task", "hi", "--name", "Ada"))
                .expectSuccess();
        assertEquals("Ada says: echo: As default, answer: hi", out.get("result").asText());
    }

    /**
     * The seed's own JS template (src/test/agents/seed: its agent.js and wit/agent.wit verbatim), built as
     * its build.sh builds it. Its agent.js calls the world's imports as globals ("injected as globals by
     * jco componentize"), which componentize-js does not do, so it traps in on-init on every host: jco
     * included. We take its imports and exports (the seed's own WIT text, doc comments and all) as they
     * are and fail it the way jco does, at on-init, with the agent's own error in the report.
     */
    @Test
    void theSeedsOwnJsTemplateConformsAndTrapsInOnInitAsOnJco() throws IOException {
        SeedCopies.verify();
        Path file = TestAgents.path("seed-template-js");
        AgentCliTest.Result check = AgentCliTest.cli("check", file.toString());
        assertEquals(0, check.status(), check.out() + check.err());
        assertTrue(check.out().contains("conformance: OK"), check.out());

        AgentCliTest.Result run = AgentCliTest.cli("run", file.toString(), "--task", "Plan a picnic", "--name", "Ada");
        assertEquals(1, run.status(), run.out());
        assertEquals("", run.out());
        assertTrue(run.err().contains("trap: guest trapped in 'on-init'"), run.err());
        assertTrue(run.err().contains("log is not defined"), run.err());

        ReferenceHost.Run jco = ReferenceHost.runAgent(file, List.of("--task", "Plan a picnic", "--name", "Ada"));
        assertEquals(1, jco.exitCode(), jco.brief());
        assertTrue(jco.stderr().contains("wasm trap") && jco.stderr().contains("at on-init"), jco.brief());
    }

    @Test
    void aParameterOfAnotherTypeIsRefusedNamingTheFunction() {
        AgentCliTest.Result check = AgentCliTest.cli("check", TestAgents.path("mismatch-u32-task").toString());
        assertEquals(1, check.status(), check.out());
        assertTrue(check.out().contains("conformance: 1 problem(s):\n  - export 'handle-task': parameter 1 "
                + "'task-description': expected string, found u32 (expected func(task-description: string) -> string, "
                + "found func(task: u32) -> string)\n"), check.out());
        AgentCliTest.Result run = AgentCliTest.cli("run", TestAgents.path("mismatch-u32-task").toString(), "--task", "x");
        assertEquals(1, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().contains("export 'handle-task': parameter 1 'task-description': expected string, found u32"),
                run.err());
    }

    @Test
    void aMissingExportIsRefused() {
        AgentCliTest.Result check = AgentCliTest.cli("check", TestAgents.path("mismatch-missing-export").toString());
        assertEquals(1, check.status(), check.out());
        assertTrue(check.out().contains("conformance: 1 problem(s):\n  - missing export 'on-peer-thought': expected "
                + "func(peer-id: string, thought: string)\n"), check.out());
    }

    @Test
    void aRenamedRecordFieldIsRefusedNamingTheField() {
        AgentCliTest.Result check = AgentCliTest.cli("check", TestAgents.path("mismatch-renamed-field").toString());
        assertEquals(1, check.status(), check.out());
        assertTrue(check.out().contains("  - export 'get-info': result: record field 2: expected 'version', found 'release'"),
                check.out());
        assertFalse(check.out().contains("conformance: OK"), check.out());
    }
}
