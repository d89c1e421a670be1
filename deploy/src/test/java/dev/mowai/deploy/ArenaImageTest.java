package dev.mowai.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The arena image as a lead runs it: built from deploy/arena-service.Dockerfile (prebuilt app on a locally
 * built base, no registry), started by podman as in Kubernetes (non-root, read-only root filesystem, no
 * capabilities, a volume for the transcript), answering /health from inside its own network namespace and
 * through a published port, and keeping a broadcast task across a container restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArenaImageTest {

    private static final String IMAGE = "localhost/mowai/arena-service:deploy-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String container = "mowai-arena-test-" + suffix;
    private final String volume = "mowai-arena-data-" + suffix;
    private final String adminSecret = UUID.randomUUID().toString();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ContainerTools tools;
    private int hostPort;

    @BeforeAll
    void buildAndStart() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(Boolean.getBoolean("mowai.skipContainerTests"),
                "image test skipped on request (-Dmowai.skipContainerTests=true)");
        if (!Files.isRegularFile(Repo.path("arena-service/target/quarkus-app/quarkus-run.jar"))) {
            throw new AssertionError("arena-service/target/quarkus-app is missing: package the arena first "
                    + "(./mvnw -pl arena-service package -DskipTests); the full build does it before this module");
        }
        tools = ContainerTools.create();
        tools.buildPrebuilt("deploy/arena-service.Dockerfile", IMAGE);
        hostPort = ContainerTools.freePort();
        long start = System.nanoTime();
        tools.run(Duration.ofMinutes(1), List.of("podman", "run", "-d", "--name", container,
                "--read-only", "--tmpfs", "/tmp:rw,size=64m", "--cap-drop", "ALL",
                "--security-opt", "no-new-privileges", "-v", volume + ":/data",
                "-e", "MOWAI_ADMIN_SECRET=" + adminSecret,
                "-p", "127.0.0.1:" + hostPort + ":8080", IMAGE)).orFail();
        awaitHealthy();
        ContainerTools.log("arena container healthy", start);
    }

    @AfterAll
    void stop() {
        if (tools != null) {
            tools.cleanUp(container, volume, IMAGE);
        }
    }

    @Test
    void healthAnswersFromInsideTheContainer() throws Exception {
        String pid = tools.run(Duration.ofSeconds(20), "podman", "inspect", "-f", "{{.State.Pid}}", container)
                .orFail().output().trim();
        // The host's curl in the container's network namespace: the image itself carries no HTTP client.
        String body = tools.run(Duration.ofSeconds(20), "nsenter", "-t", pid, "-n",
                "curl", "-sS", "--fail", "--max-time", "5", "http://127.0.0.1:8080/health").orFail().output();
        JsonNode health = JSON.readTree(body);
        assertEquals("ok", health.path("status").asText(), body);
        assertEquals(0, health.path("agents").asInt(-1), body);
        assertTrue(health.has("uptime"), body);
    }

    @Test
    void runsAsTheServiceUserOnAReadOnlyRoot() {
        String user = tools.run(Duration.ofSeconds(20), "podman", "exec", container, "java",
                "-XshowSettings:properties", "-version").orFail().output();
        assertTrue(user.contains("user.name = quarkus"), user);
        String config = tools.run(Duration.ofSeconds(20), "podman", "inspect", "-f",
                "{{.HostConfig.ReadonlyRootfs}} {{.Config.User}}", container).orFail().output().trim();
        assertEquals("true 185:0", config);
    }

    @Test
    void readinessAndMetricsAreServed() throws Exception {
        HttpResponse<String> ready = get("/q/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"UP\""), ready.body());
        HttpResponse<String> metrics = get("/q/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("jvm_"), "Prometheus text format expected");
    }

    @Test
    void aTaskSurvivesAContainerRestartOnTheDataVolume() throws Exception {
        String description = "deploy test " + suffix;
        HttpResponse<String> refused = postTask("wrong-" + adminSecret, description);
        assertEquals(401, refused.statusCode(), refused.body());
        HttpResponse<String> accepted = postTask(adminSecret, description);
        assertEquals(200, accepted.statusCode(), accepted.body());

        tools.run(Duration.ofMinutes(1), "podman", "restart", "-t", "5", container).orFail();
        awaitHealthy();
        String snapshot = firstSpectatorFrames(Duration.ofSeconds(10), description);
        assertTrue(snapshot.contains(description), "the restarted arena lost the task: " + snapshot);
    }

    private HttpResponse<String> postTask(String secret, String description) throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of("description", description));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hostPort + "/task"))
                        .header("X-Admin-Secret", secret).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hostPort + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitHealthy() throws Exception {
        // Generous: on a loaded 2-core machine the JVM alone needs 10-15 s to start.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (get("/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        String logs = tools.run(Duration.ofSeconds(20), "podman", "logs", container).output();
        throw new AssertionError("the arena container did not answer /health within 90 s (" + last + ")\n" + logs);
    }

    /** Text a spectator receives on connecting, until it contains {@code expected} or time runs out. */
    private String firstSpectatorFrames(Duration limit, String expected) throws Exception {
        StringBuilder received = new StringBuilder();
        CompletableFuture<Void> found = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + hostPort + "/arena"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        synchronized (received) {
                            received.append(data);
                            if (received.indexOf(expected) >= 0) {
                                found.complete(null);
                            }
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            found.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // reported by the caller's assertion, with what did arrive
        } finally {
            socket.abort();
        }
        synchronized (received) {
            return received.toString();
        }
    }
}
