package dev.mowai.arena.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mowai.arena.SeedClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops the packaged arena (crash and clean shutdown) and starts it again on the same data directory.
 * The transcript is rotated at 2 KB, so the restarts read a file that starts with a compacted head.
 */
class ArenaRestartIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String AGENT_KEY = "it-agent-key-of-the-runners";

    @TempDir
    Path dataDir;

    Process arena;
    int port;

    @AfterEach
    void stop() throws Exception {
        if (arena != null && arena.isAlive()) {
            arena.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        arena = new ProcessBuilder(java, "-Dquarkus.http.port=" + port, "-Dmowai.data-dir=" + dataDir,
                "-Dmowai.admin-secret=it-secret", "-Dmowai.agent-key=" + AGENT_KEY, "-Dmowai.transcript.max-bytes=2K", "-Dmowai.transcript.keep-files=2",
                "-Dmowai.limits.spectator-queue=16",
                // No gateway: a session's moderator fails at once (a closed port) and the session says so.
                "-Dmowai.gateway-url=http://127.0.0.1:9", "-jar", System.getProperty("arena.jar", "target/quarkus-app/quarkus-run.jar"))
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("arena.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (!arena.isAlive()) {
                throw new AssertionError("arena exited: " + Files.readString(dataDir.resolve("arena.log")));
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("arena did not start: " + Files.readString(dataDir.resolve("arena.log")));
    }

    String base() {
        return "http://localhost:" + port;
    }

    URI ws(String path) {
        return URI.create("ws://localhost:" + port + path);
    }

    void task(String description) throws Exception {
        var res = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/task")).header("X-Admin-Secret", "it-secret")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"" + description + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode(), res.body());
    }

    @Test
    void crashAndCleanRestartKeepTasksCounterAndResume() throws Exception {
        start();
        String taskId = UUID.randomUUID().toString();
        long seenBeforeCrash;
        long lastBeforeCrash;
        String agentId;
        try (SeedClient agent = SeedClient.join(ws("/"), "Survivor"); SeedClient watcher = SeedClient.open(ws("/arena"))) {
            agentId = agent.agentId;
            watcher.await("ARENA_SNAPSHOT");
            for (int i = 1; i <= 6; i++) {
                task("restart task " + i);
            }
            agent.think(taskId, 1, "first");
            seenBeforeCrash = watcher.await(n -> "first".equals(n.at("/payload/content").asText()), "first").path("arenaSeq").asLong();
            agent.think(taskId, 2, "second");
            agent.think(taskId, 3, "third");
            lastBeforeCrash = watcher.await(n -> "third".equals(n.at("/payload/content").asText()), "third").path("arenaSeq").asLong();
            arena.destroyForcibly().waitFor(20, TimeUnit.SECONDS); // kill -9: nothing flushed on the way out
        }
        assertTrue(Files.exists(dataDir.resolve("transcript.1.jsonl")), "the transcript was rotated before the crash");

        start();
        try (SeedClient back = SeedClient.open(ws("/arena?since=" + seenBeforeCrash))) {
            JsonNode snap = back.await("ARENA_SNAPSHOT");
            assertEquals(seenBeforeCrash + 1, snap.at("/payload/resumeFrom").asLong());
            assertEquals("restart task 6", snap.at("/payload/tasks").get(snap.at("/payload/tasks").size() - 1)
                    .at("/payload/description").asText());
            List<JsonNode> replay = new ArrayList<>();
            long expected = seenBeforeCrash + 1;
            while (expected <= lastBeforeCrash + 1) {
                JsonNode e = back.await(n -> n.has("arenaSeq") && !"ARENA_SNAPSHOT".equals(n.path("type").asText()), "replay");
                assertEquals(expected++, e.path("arenaSeq").asLong(), "no gap across the restart");
                replay.add(e);
            }
            assertEquals("second", replay.get(0).at("/payload/content").asText());
            assertEquals("third", replay.get(1).at("/payload/content").asText());
            JsonNode leave = replay.getLast();
            assertEquals("AGENT_DISCONNECT", leave.path("type").asText());
            assertEquals(agentId, leave.path("agentId").asText());
            assertEquals("arena restarted", leave.at("/payload/reason").asText());
        }
        try (SeedClient late = SeedClient.open(ws("/ws"))) {
            late.connect("Late", "red", "pragmatist");
            late.await("ARENA_ACK");
            for (int i = 2; i <= 6; i++) {
                assertEquals("restart task " + i, late.await("GLOBAL_TASK").at("/payload/description").asText());
            }
            late.think(taskId, 1, "after");
            long after = late.await("AGENT_THOUGHT").path("arenaSeq").asLong();
            assertTrue(after > lastBeforeCrash + 1, "the counter continues: " + after);
        }

        arena.destroy(); // clean stop (SIGTERM)
        assertTrue(arena.waitFor(30, TimeUnit.SECONDS));
        start();
        try (SeedClient again = SeedClient.open(ws("/arena?since=" + lastBeforeCrash))) {
            JsonNode snap = again.await("ARENA_SNAPSHOT");
            assertEquals(lastBeforeCrash + 1, snap.at("/payload/resumeFrom").asLong());
            assertTrue(snap.at("/payload/latestSeq").asLong() > lastBeforeCrash + 2);
            assertEquals("AGENT_DISCONNECT", again.await(n -> n.has("arenaSeq") && !"ARENA_SNAPSHOT".equals(n.path("type").asText()), "replay").path("type").asText());
        }
    }

    /** Issue 15: after a restart a script took a runner agent's id; now the claim outlives the arena. */
    @Test
    void aRunnersAgentIdStaysClaimedAcrossACrash() throws Exception {
        start();
        String runnerAgent = UUID.randomUUID().toString();
        try (SeedClient owner = SeedClient.open(ws("/ws"), runnerAgent)) {
            owner.connectProven("Runner agent", AGENT_KEY);
            owner.await("ARENA_ACK");
            arena.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        start();
        try (SeedClient squatter = SeedClient.open(ws("/ws"), runnerAgent); SeedClient seed = SeedClient.open(ws("/ws"))) {
            squatter.connect("Impostor", "red", "contrarian");
            assertTrue(squatter.await("ARENA_ERROR").at("/payload/reason").asText().contains("payload.credential needed"));
            assertEquals(1008, squatter.awaitClose());
            seed.connect("Seed", "red", "pragmatist");
            seed.await("ARENA_ACK");
        }
        try (SeedClient owner = SeedClient.open(ws("/ws"), runnerAgent)) {
            owner.connectProven("Runner agent", AGENT_KEY);
            owner.await("ARENA_ACK");
        }
    }

    /**
     * Issue 18: a debate session survives a crash and resumes at the round it was in, from the transcript
     * alone (2 KB files here, so it also crosses rotations); a finished one comes back unchanged.
     */
    @Test
    void aSessionResumesAtItsRoundAfterACrash() throws Exception {
        start();
        String agentId;
        String sessionId;
        try (SeedClient agent = SeedClient.join(ws("/ws"), "Debater")) {
            agentId = agent.agentId;
            var res = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/sessions")).header("X-Admin-Secret", "it-secret")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"task\":\"Ship it?\",\"rounds\":2,\"roundTimeoutSeconds\":600}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, res.statusCode(), res.body());
            sessionId = SeedClient.JSON.readTree(res.body()).path("sessionId").asText();
            String t1 = agent.await(n -> n.at("/payload/description").asText().contains("round 1 of 2"), "round 1")
                    .at("/payload/taskId").asText();
            agent.respond(t1, "POSITION: yes", 1);
            agent.await(n -> n.at("/payload/description").asText().contains("round 2 of 2"), "round 2");
            arena.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        start();
        JsonNode resumed = session(sessionId);
        assertEquals("RUNNING", resumed.path("state").asText());
        assertEquals(2, resumed.path("rounds").size());
        String t2 = resumed.at("/rounds/1/taskId").asText();
        try (SeedClient back = SeedClient.open(ws("/ws"), agentId)) {
            back.connect("Debater", "red", "pragmatist");
            back.await(n -> t2.equals(n.at("/payload/taskId").asText()), "round 2 replayed on join");
            back.respond(t2, "POSITION: no\nI changed my mind because of the crash.", 1);
            long deadline = System.currentTimeMillis() + 30_000;
            while (!"DONE".equals(session(sessionId).path("state").asText()) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
        }
        JsonNode done = session(sessionId);
        assertEquals("DONE", done.path("state").asText(), done.toString());
        assertTrue(done.at("/rounds/1/answers/0/changed").asBoolean(), done.toString());
        assertTrue(done.path("synthesisNote").asText().startsWith("synthesis unavailable: cannot reach the gateway"),
                done.toString());

        arena.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        start();
        assertEquals(done, session(sessionId), "the transcript gives the finished session back as it was");
        try (var files = Files.list(dataDir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch("sessions"::equals), "no session store besides the transcript: " + names);
        }
        assertTrue(Files.readAllLines(dataDir.resolve(Transcript.FILE_NAME)).stream()
                .anyMatch(l -> l.startsWith("{\"type\":\"SESSION\"") && l.contains(sessionId)), "the session is in the transcript");
    }

    JsonNode session(String id) throws Exception {
        return SeedClient.JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/sessions/" + id)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
