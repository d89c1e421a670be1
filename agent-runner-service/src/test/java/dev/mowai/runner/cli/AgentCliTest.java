package dev.mowai.runner.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.runner.fixtures.TestAgents;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

class AgentCliTest {
    record Result(int status, String out, String err) {}

    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new AgentCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void checkPrintsImportsExportsAndTheVerdict() {
        Result ok = cli("check", TestAgents.path("c-reactor").toString());
        assertEquals(0, ok.status(), ok.err());
        assertTrue(ok.out().contains("  get-config: func() -> record { name: string, color: string, persona: string }"), ok.out());
        assertTrue(ok.out().contains("  handle-task: func(task-description: string) -> string"), ok.out());
        assertTrue(ok.out().contains("conformance: OK"), ok.out());

        // WASI is provided (sandboxed), as in the runner
        Result wasi = cli("check", TestAgents.path("c-wasi").toString());
        assertEquals(0, wasi.status(), wasi.out());
        assertTrue(wasi.out().contains("  wasi:cli/stderr@0.2.12: instance {"), wasi.out());

        Result notAnAgent = cli("check", TestAgents.path("values").toString());
        assertEquals(1, notAnAgent.status());
        assertTrue(notAnAgent.out().contains("missing export 'handle-task': expected func(task-description: string) -> string"), notAnAgent.out());
    }

    @Test
    void runPrintsOneJsonObject(@TempDir Path dir) throws Exception {
        Path taskFile = dir.resolve("task.txt");
        Files.writeString(taskFile, "from a file é");
        Result r = cli("run", TestAgents.path("c-freestanding").toString(), "--task-file", taskFile.toString(),
                "--name", "Bo", "--peer", "p=x=y");
        assertEquals(0, r.status(), r.err());
        assertEquals(1, r.out().lines().count(), r.out());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("Bo says: echo: As default, answer: from a file é", json.get("result").asText());
        assertEquals("#888888", json.get("info").get("color").asText());
        assertEquals("Bo hears p: x=y", json.get("broadcasts").get(0).asText());
        assertEquals("init Bo", json.get("logs").get(0).get("message").asText());
        assertEquals("As default, answer: from a file é", json.get("llmPrompts").get(0).asText());
    }

    /** A gateway speaking OpenAI's chat completions over a real socket: "model: <last message>" or an error. */
    static final class FakeChatApi implements AutoCloseable {
        final HttpServer server;
        final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
        final List<String> agents = new CopyOnWriteArrayList<>();
        volatile int status = 200;

        FakeChatApi() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
            server.createContext("/v1/chat/completions", ex -> {
                JsonNode body = new ObjectMapper().readTree(ex.getRequestBody());
                bodies.add(body);
                agents.add(ex.getRequestHeaders().getFirst("X-Mowai-Agent"));
                JsonNode messages = body.path("messages");
                String reply = status == 200
                        ? new ObjectMapper().writeValueAsString(Map.of("object", "chat.completion", "model", "phi3.5",
                                "choices", List.of(Map.of("index", 0, "finish_reason", "stop", "message",
                                        Map.of("role", "assistant", "content", "model: " + messages.get(messages.size() - 1).path("content").asText())))))
                        : "{\"error\":{\"message\":\"the model is overloaded\",\"type\":\"server_error\"}}";
                byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(status, bytes.length);
                ex.getResponseBody().write(bytes);
                ex.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void withAGatewayHostLlmGetsTheModelsAnswerInThePersonasVoice() throws Exception {
        try (FakeChatApi gateway = new FakeChatApi()) {
            Result r = cli("run", TestAgents.path("c-freestanding").toString(), "--task", "plan a picnic",
                    "--name", "Bo", "--persona", "contrarian", "--gateway", gateway.url() + "/");
            assertEquals(0, r.status(), r.err());
            JsonNode json = new ObjectMapper().readTree(r.out());
            assertEquals("Bo says: model: As contrarian, answer: plan a picnic", json.get("result").asText());
            assertTrue(r.err().contains("host-llm goes to " + gateway.url() + "/v1/chat/completions"), r.err());

            JsonNode request = gateway.bodies.getFirst();
            assertEquals("system", request.at("/messages/0/role").asText());
            String skill = Files.readString(Path.of("..", "personas", "contrarian", "SKILL.md"));
            assertTrue(skill.contains(request.at("/messages/0/content").asText().strip()), "the persona's SKILL.md is the system prompt");
            assertEquals("As contrarian, answer: plan a picnic", request.at("/messages/1/content").asText());
            assertEquals(AgentCli.GATEWAY_AGENT_ID, gateway.agents.getFirst());

            gateway.status = 503;
            Result failing = cli("run", TestAgents.path("c-freestanding").toString(), "--task", "t", "--gateway", gateway.url());
            assertEquals(0, failing.status(), failing.err());
            assertEquals("agent says: [mowai error] the gateway answered HTTP 503: the model is overloaded",
                    new ObjectMapper().readTree(failing.out()).get("result").asText());
            assertTrue(failing.err().contains("host-llm failed: the gateway answered HTTP 503"), failing.err());
        }
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Result nobody = cli("run", TestAgents.path("c-freestanding").toString(), "--task", "t", "--gateway", "127.0.0.1:" + closed);
        assertTrue(nobody.err().contains("the inference gateway is unreachable at http://127.0.0.1:" + closed), nobody.err());
    }

    @Test
    void failuresGoToStderrWithANonZeroStatus(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.wasm");
        Files.write(junk, new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 42});
        Result bad = cli("run", junk.toString(), "--task", "x");
        assertEquals(1, bad.status());
        assertEquals("", bad.out());
        assertTrue(bad.err().startsWith("mowai agent: invalid component:"), bad.err());

        Result timeout = cli("run", TestAgents.path("hostile-loop").toString(), "--task", "x", "--timeout-ms", "5000");
        assertEquals(1, timeout.status());
        assertTrue(timeout.err().startsWith("mowai agent: timeout:"), timeout.err());
        assertTrue(timeout.err().contains("time limit of 5000 ms"), timeout.err());

        // what the agent logged before it trapped is shown after the failure: it often says why
        Result trap = cli("run", TestAgents.path("hostile-oob-pointer").toString(), "--task", "x");
        assertEquals(1, trap.status());
        assertEquals("", trap.out());
        assertTrue(trap.err().startsWith("mowai agent: trap:"), trap.err());
        assertTrue(trap.err().contains("\nthe agent's log before that:\n  info: init agent\n  info: task: x\n"), trap.err());

        Result missing = cli("check", dir.resolve("nope.wasm").toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }

    @Test
    void badUsageExitsWithTwo() {
        assertEquals(2, cli().status());
        assertEquals(2, cli("fly").status());
        assertEquals(2, cli("run", "a.wasm").status());
        assertEquals(2, cli("run", "a.wasm", "--task").status());
        assertEquals(2, cli("run", "a.wasm", "--task", "x", "--peer", "novalue").status());
        assertEquals(2, cli("run", "a.wasm", "--task", "x", "--timeout-ms", "-5").status());
        assertEquals(2, cli("run", "a.wasm", "--task", "x", "--memory-mb", "5000").status());
        assertEquals(2, cli("check", "a.wasm", "--task", "x").status());
        Result r = cli("run", "a.wasm", "b.wasm", "--task", "x");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("more than one component file"), r.err());
    }
}
