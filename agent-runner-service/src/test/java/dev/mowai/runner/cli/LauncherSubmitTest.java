package dev.mowai.runner.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./mowai submit} (the bash launcher) against a fake runner speaking the runner's REST API over
 * a real socket: what it uploads, what it keeps in {@code .mowai-agent.json}, what a person reads.
 */
class LauncherSubmitTest {

    static final Path LAUNCHER = Path.of("..", "mowai").toAbsolutePath().normalize();
    static final String TOKEN = "mwa_secret-token-never-printed";
    static final String REPORT = """
            {"imports":["host-llm: func(prompt: string) -> string","log: func(level: string, message: string)"],
             "exports":["on-init: func()","handle-task: func(task: string) -> string"],"problems":[],"unsupported":[]}""";

    record Request(String method, String path, String authorization, String joinCode, String body) {}

    record Answer(int status, String body, String retryAfter) {
        Answer(int status, String body) {
            this(status, body, null);
        }
    }

    record Run(int status, String output) {}

    HttpServer server;
    final List<Request> requests = new ArrayList<>();
    final Deque<Answer> answers = new ArrayDeque<>();
    @TempDir
    Path project;

    @BeforeEach
    void fakeRunner() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/", this::answer);
        server.start();
        Files.writeString(project.resolve("mowai.config.json"), """
                {
                  "name": "brave-otter",
                  "color": "#26a69a",
                  "persona": "contrarian",
                  "runner": "http://localhost:1"
                }
                """);
        Files.createDirectories(project.resolve("dist"));
        Files.write(project.resolve("dist/agent.wasm"), new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0});
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("X-Join-Code"), body));
        Answer answer = answers.isEmpty() ? new Answer(500, "{\"error\":\"unexpected request\"}") : answers.poll();
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The address without a scheme, as people type it; the launcher adds http://. */
    String runner() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    static String created(String id) {
        return "{\"id\":\"" + id + "\",\"token\":\"" + TOKEN + "\",\"report\":" + REPORT + ",\"agent\":" + agent(id) + "}";
    }

    static String agent(String id) {
        return "{\"id\":\"" + id + "\",\"name\":\"brave-otter\",\"color\":\"#26a69a\",\"persona\":\"contrarian\","
                + "\"state\":\"active\",\"arena\":\"joined\",\"info\":{\"version\":\"0.1.0\"},\"stats\":{\"lastError\":null}}";
    }

    Run submit(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString(), "submit"));
        command.addAll(List.of(args));
        command.add("--no-follow");
        Process p = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish: " + output);
        return new Run(p.exitValue(), output);
    }

    @Test
    void theFirstSubmitUploadsTheProjectSettingsAndKeepsTheTokenOutOfSight() throws Exception {
        answers.add(new Answer(201, created("a1")));

        Run run = submit("dist/agent.wasm", "--runner", runner(), "--join-code", "c0de");

        assertEquals(0, run.status(), run.output());
        Request upload = requests.getFirst();
        assertEquals("POST", upload.method());
        assertEquals("/agents", upload.path());
        assertEquals("c0de", upload.joinCode());
        for (String field : List.of("name=\"name\"\r\n\r\nbrave-otter", "name=\"color\"\r\n\r\n#26a69a",
                "name=\"persona\"\r\n\r\ncontrarian", "\0asm")) {
            assertTrue(upload.body().contains(field), "multipart carries " + field.strip());
        }
        assertTrue(run.output().contains("exports: on-init, handle-task"), run.output());
        assertTrue(run.output().contains("conformance: OK"), run.output());
        assertTrue(run.output().contains("agent: brave-otter (contrarian, #26a69a), version 0.1.0: active, arena joined"), run.output());
        assertFalse(run.output().contains(TOKEN), "the token is not printed: " + run.output());

        Path state = project.resolve(".mowai-agent.json");
        String saved = Files.readString(state);
        assertTrue(saved.contains("\"runner\": \"http://" + runner() + "\""), saved);
        assertTrue(saved.contains("\"id\": \"a1\"") && saved.contains("\"token\": \"" + TOKEN + "\""), saved);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(state));
    }

    @Test
    void aSecondSubmitHotSwapsWithTheTokenAndAForgottenAgentIsUploadedAnew() throws Exception {
        answers.add(new Answer(201, created("a1")));
        assertEquals(0, submit("dist/agent.wasm", "--runner", runner()).status());

        answers.add(new Answer(200, agent("a1")));
        Run swap = submit("dist/agent.wasm", "--runner", "http://" + runner() + "/");
        assertEquals(0, swap.status(), swap.output());
        Request put = requests.get(1);
        assertEquals("PUT", put.method());
        assertEquals("/agents/a1/wasm", put.path());
        assertEquals("Bearer " + TOKEN, put.authorization());

        // the runner's data was reset: the hot swap finds no agent, so the launcher uploads a new one
        answers.add(new Answer(404, "{\"error\":\"no agent a1\"}"));
        answers.add(new Answer(201, created("b2")));
        Run again = submit("dist/agent.wasm", "--runner", runner());
        assertEquals(0, again.status(), again.output());
        assertEquals(List.of("PUT", "POST"), requests.subList(2, 4).stream().map(Request::method).toList());
        assertTrue(again.output().contains("uploading a new agent"), again.output());
        assertTrue(Files.readString(project.resolve(".mowai-agent.json")).contains("\"id\": \"b2\""));
    }

    @Test
    void aRefusalListsEveryProblemAndKeepsNoState() throws Exception {
        answers.add(new Answer(400, "{\"error\":\"invalid request\",\"problems\":[\"missing export handle-task\","
                + "\"import wasi:sockets/tcp@0.2.0 is not provided by the host\"],\"report\":" + REPORT + "}"));

        Run run = submit("dist/agent.wasm", "--runner", runner());

        assertNotEquals(0, run.status());
        assertTrue(run.output().contains("refused: invalid request"), run.output());
        assertTrue(run.output().contains("- missing export handle-task"), run.output());
        assertTrue(run.output().contains("- import wasi:sockets/tcp@0.2.0 is not provided by the host"), run.output());
        assertFalse(Files.exists(project.resolve(".mowai-agent.json")));
    }

    @Test
    void aBusyRunnerIsAskedAgainWhenItSaysSoAndNotWhenItIsFarOff() throws Exception {
        answers.add(new Answer(503, "{\"error\":\"2 components are being compiled\"}", "1"));
        answers.add(new Answer(201, created("a1")));
        Run run = submit("dist/agent.wasm", "--runner", runner());
        assertEquals(0, run.status(), run.output());
        assertEquals(2, requests.size());
        assertTrue(run.output().contains("the runner is busy (HTTP 503): trying again in 1 s"), run.output());

        Files.delete(project.resolve(".mowai-agent.json"));
        answers.add(new Answer(429, "{\"error\":\"too many uploads from 127.0.0.1: at most 60 per 1m\"}", "3600"));
        Run limited = submit("dist/agent.wasm", "--runner", runner());
        assertNotEquals(0, limited.status());
        assertEquals(3, requests.size(), "no retry an hour away");
        assertTrue(limited.output().contains("refused: too many uploads from 127.0.0.1"), limited.output());
        assertTrue(limited.output().contains("busy or limits your uploads (HTTP 429)"), limited.output());
    }

    @Test
    void aWrongRunnerUrlIsNamedAsSuch() throws Exception {
        answers.add(new Answer(405, ""));
        Run arena = submit("dist/agent.wasm", "--runner", runner());
        assertNotEquals(0, arena.status());
        assertTrue(arena.output().contains("does not look like a Mowai agent runner (HTTP 405"), arena.output());

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Run nobody = submit("dist/agent.wasm", "--runner", "http://127.0.0.1:" + closed);
        assertNotEquals(0, nobody.status());
        assertTrue(nobody.output().contains("cannot reach the runner at http://127.0.0.1:" + closed), nobody.output());
        assertFalse(Files.exists(project.resolve(".mowai-agent.json")));
    }

    @Test
    void aFileOutsideAProjectKeepsItsStateBesideIt(@TempDir Path elsewhere) throws Exception {
        Path loose = Files.createDirectories(elsewhere.resolve("downloads")).resolve("agent.wasm");
        Files.write(loose, new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0});
        answers.add(new Answer(201, created("c3")));

        Run noPersona = submit(loose.toString(), "--runner", runner());
        assertNotEquals(0, noPersona.status());
        assertTrue(noPersona.output().contains("no persona: add --persona P (one of: contrarian"), noPersona.output());
        assertTrue(requests.isEmpty(), "nothing is uploaded without a persona");

        Run run = submit(loose.toString(), "--runner", runner(), "--persona", "synthesiser", "--color", "teal");

        assertEquals(0, run.status(), run.output());
        String body = requests.getFirst().body();
        assertTrue(body.contains("name=\"name\"\r\n\r\nagent\r\n"), "the file's name names the agent");
        assertTrue(body.contains("name=\"persona\"\r\n\r\nsynthesiser") && body.contains("name=\"color\"\r\n\r\nteal"), body);
        assertTrue(Files.exists(loose.resolveSibling(".mowai-agent.json")));
        assertFalse(Files.exists(elsewhere.resolve(".mowai-agent.json")), "not in the folder above");
    }
}
