package dev.mowai.runner.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ./mowai dev DIR --runner URL} on a c and a js project against a fake runner speaking the runner's REST API
 * over a real socket: a saved source edit reaches the runner as a hot swap with the new component's hash,
 * a colour edit replaces the agent with one of the new colour, and the console is followed after each.
 */
class LauncherDevTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** The templates built by the test-agent build, whose npm packages a project borrows (no download). */
    static final Path BUILT_TEMPLATES = ROOT.resolve("agent-runner-service/target/test-agents/.work");
    static final Duration FIRST_BUILD = Duration.ofMinutes(4);

    /** How long a saved edit may take to reach the runner: a c build takes seconds, a js one up to a minute or two on a busy machine. */
    static Duration live(String lang) {
        return Duration.ofMinutes(lang.equals("c") ? 1 : 3);
    }

    /** The line of each template that says its version, and an edit of it. */
    static String[] versionEdit(String lang) {
        return lang.equals("c") ? new String[] {"agent.c", "#define VERSION \"0.1.0\"", "#define VERSION \"0.2.0\""}
                : new String[] {"agent.js", "const VERSION = '0.1.0';", "const VERSION = '0.2.0';"};
    }

    record Agent(String id, String token, String name, String color, String persona, String sha) {}

    record Event(String method, String path, String sha, String color) {}

    HttpServer server;
    final Map<String, Agent> agents = new ConcurrentHashMap<>();
    final List<Event> events = new CopyOnWriteArrayList<>();
    final StringBuffer output = new StringBuffer();
    Process dev;
    @TempDir
    Path work;

    @BeforeEach
    void fakeRunner() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (dev != null) {
            dev.descendants().forEach(ProcessHandle::destroy);
            dev.destroy();
            dev.waitFor(20, TimeUnit.SECONDS);
            dev.descendants().forEach(ProcessHandle::destroyForcibly);
            dev.destroyForcibly();
        }
        server.stop(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "js"})
    void aSavedEditIsHotSwappedIntoTheRunnerAndAColourEditReplacesTheAgent(String lang) throws Exception {
        Path project = project(lang);
        Duration editLive = live(lang);
        start(project);

        await(FIRST_BUILD, () -> events.stream().anyMatch(e -> e.method().equals("POST")), "the first upload");
        Event first = events.getFirst();
        assertEquals(sha256(project.resolve("dist/agent.wasm")), first.sha());
        await(editLive, () -> output.toString().contains("console of " + agentId() + " at " + first.sha().substring(0, 12)),
                "the console followed");

        String[] edit = versionEdit(lang);
        Path source = project.resolve(edit[0]);
        assertTrue(Files.readString(source).contains(edit[1]), "the template still says its version so: " + edit[1]);
        Files.writeString(source, Files.readString(source).replace(edit[1], edit[2]));
        await(editLive, () -> events.stream().anyMatch(e -> e.method().equals("PUT")), "the hot swap after the edit");
        Event swap = events.stream().filter(e -> e.method().equals("PUT")).findFirst().orElseThrow();
        assertNotEquals(first.sha(), swap.sha(), "a new component");
        assertEquals(sha256(project.resolve("dist/agent.wasm")), swap.sha(), "the rebuilt one");
        assertEquals(swap.sha(), agents.get(agentId()).sha(), "the runner has the new component hash");
        await(editLive, () -> output.toString().contains("console of " + agentId() + " at " + swap.sha().substring(0, 12)),
                "the console followed again");

        Path config = project.resolve("mowai.config.json");
        Files.writeString(config, Files.readString(config).replaceFirst("\"color\": \"[^\"]*\"", "\"color\": \"#123456\""));
        await(editLive, () -> agents.values().stream().anyMatch(a -> a.color().equals("#123456")), "an agent of the new colour");
        assertEquals(1, agents.size(), "the old agent was removed with its token: " + events);
        assertTrue(events.stream().anyMatch(e -> e.method().equals("DELETE") && e.path().equals("/agents/" + first.path())), events.toString());
        assertEquals(swap.sha(), agents.values().iterator().next().sha(), "a settings change needs no rebuild");
        assertTrue(output.toString().contains("the color in mowai.config.json changed"), output.toString());
    }

    /** {@code ./mowai init LANG}, with the npm packages of the template the test-agent build already installed. */
    Path project(String lang) throws Exception {
        Process init = new ProcessBuilder("bash", ROOT.resolve("mowai").toString(), "init", lang, "agent")
                .directory(work.toFile()).redirectErrorStream(true).start();
        String said = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(init.waitFor(60, TimeUnit.SECONDS) && init.exitValue() == 0, said);
        Path project = work.resolve("agent");
        Path modules = BUILT_TEMPLATES.resolve("template-" + lang).resolve("node_modules");
        assertTrue(Files.isDirectory(modules), "the test-agent build installs the c template's packages in " + modules);
        Files.createSymbolicLink(project.resolve("node_modules"), modules);
        return project;
    }

    void start(Path project) throws IOException {
        dev = new ProcessBuilder("bash", ROOT.resolve("mowai").toString(), "dev", project.toString(),
                "--runner", "127.0.0.1:" + server.getAddress().getPort())
                .directory(work.toFile()).redirectErrorStream(true).start();
        dev.getOutputStream().close();
        Thread.ofVirtual().start(() -> {
            try (InputStream in = dev.getInputStream()) {
                byte[] buffer = new byte[4096];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    void await(Duration limit, BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            assertTrue(dev.isAlive(), "./mowai dev ended before " + what + ":\n" + output);
            assertTrue(System.nanoTime() < deadline, "no " + what + " within " + limit + ":\n" + output + "\nrunner saw: " + events);
            Thread.sleep(200);
        }
    }

    String agentId() {
        return agents.keySet().stream().findFirst().orElse("?");
    }

    // ---- the fake runner

    private void answer(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        byte[] body = ex.getRequestBody().readAllBytes();
        Matcher one = Pattern.compile("/agents/([^/]+)(/wasm|/logs)?").matcher(path);
        if (method.equals("POST") && path.equals("/agents")) {
            Map<String, byte[]> form = multipart(ex, body);
            String id = "a" + (events.size() + 1);
            Agent a = new Agent(id, "mwa_token-" + id, text(form, "name"), text(form, "color"), text(form, "persona"),
                    sha256(form.get("wasm")));
            agents.put(id, a);
            events.add(new Event(method, id, a.sha(), a.color()));
            send(ex, 201, "{\"id\":\"" + id + "\",\"token\":\"" + a.token() + "\",\"report\":{\"imports\":[],\"exports\":[],"
                    + "\"problems\":[]},\"agent\":" + json(a) + "}");
            return;
        }
        if (!one.matches() || !agents.containsKey(one.group(1))) {
            send(ex, 404, "{\"error\":\"no agent\"}");
            return;
        }
        Agent a = agents.get(one.group(1));
        boolean authorised = ("Bearer " + a.token()).equals(ex.getRequestHeaders().getFirst("Authorization"));
        String sub = one.group(2) == null ? "" : one.group(2);
        switch (method + " " + sub) {
            case "GET " -> send(ex, 200, json(a));
            case "PUT /wasm" -> {
                if (!authorised) {
                    send(ex, 401, "{\"error\":\"wrong token\"}");
                    return;
                }
                Agent swapped = new Agent(a.id(), a.token(), a.name(), a.color(), a.persona(), sha256(multipart(ex, body).get("wasm")));
                agents.put(a.id(), swapped);
                events.add(new Event(method, a.id(), swapped.sha(), a.color()));
                send(ex, 200, json(swapped));
            }
            case "DELETE " -> {
                if (!authorised) {
                    send(ex, 401, "{\"error\":\"wrong token\"}");
                    return;
                }
                agents.remove(a.id());
                events.add(new Event(method, path, null, null));
                ex.sendResponseHeaders(204, -1);
                ex.close();
            }
            case "GET /logs" -> {
                if (!authorised) {
                    send(ex, 401, "{\"error\":\"wrong token\"}");
                    return;
                }
                ex.getResponseHeaders().add("Content-Type", "text/event-stream");
                send(ex, 200, "data: {\"ts\":" + System.currentTimeMillis() + ",\"level\":\"info\",\"source\":\"runner\","
                        + "\"text\":\"console of " + a.id() + " at " + a.sha().substring(0, 12) + "\"}\n\n");
            }
            default -> send(ex, 405, "{\"error\":\"not here\"}");
        }
    }

    static String json(Agent a) {
        return "{\"id\":\"" + a.id() + "\",\"name\":\"" + a.name() + "\",\"color\":\"" + a.color() + "\",\"persona\":\""
                + a.persona() + "\",\"state\":\"active\",\"arena\":\"joined\",\"info\":{\"name\":\"" + a.name()
                + "\",\"version\":\"0.1.0\"},\"componentSha256\":\"" + a.sha() + "\",\"stats\":{\"lastError\":null}}";
    }

    static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!ex.getResponseHeaders().containsKey("Content-Type")) {
            ex.getResponseHeaders().add("Content-Type", "application/json");
        }
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    /** The parts of a multipart/form-data body by name (bytes kept as they are, through ISO-8859-1). */
    static Map<String, byte[]> multipart(HttpExchange ex, byte[] body) {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        String boundary = "--" + type.substring(type.indexOf("boundary=") + 9).replace("\"", "");
        String raw = new String(body, StandardCharsets.ISO_8859_1);
        Map<String, byte[]> parts = new ConcurrentHashMap<>();
        for (String part : raw.split(Pattern.quote(boundary))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            Matcher name = Pattern.compile("name=\"([^\"]+)\"").matcher(part);
            if (headerEnd < 0 || !name.find() || name.start() > headerEnd) {
                continue;
            }
            String content = part.substring(headerEnd + 4, part.length() - 2); // without the CRLF before the boundary
            parts.put(name.group(1), content.getBytes(StandardCharsets.ISO_8859_1));
        }
        return parts;
    }

    static String text(Map<String, byte[]> form, String name) {
        byte[] v = form.get(name);
        return v == null ? "" : new String(v, StandardCharsets.UTF_8);
    }

    static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
