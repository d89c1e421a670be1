package dev.mowai.arena.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mowai.arena.SeedClient;
import dev.mowai.arena.TempDataDir;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TempDataDir.class)
class SpectatorFeedTest {

    @TestHTTPResource("/")
    URI root;

    URI ws(String path) {
        return URI.create("ws://" + root.getHost() + ":" + root.getPort() + path);
    }

    @Test
    void snapshotThenEveryEventWithIncreasingArenaSeq() {
        String taskId = UUID.randomUUID().toString();
        try (SeedClient agent = SeedClient.join(ws("/"), "Snap")) {
            RestAssured.given().header("X-Admin-Secret", "test-secret").body("{\"description\":\"snapshot task\"}")
                    .post("/task").then().statusCode(200);
            agent.think(taskId, 1, "before the spectator came");
            agent.await("AGENT_THOUGHT");
            try (SeedClient spectator = SeedClient.open(ws("/arena"))) {
                JsonNode snap = spectator.await("ARENA_SNAPSHOT");
                JsonNode p = snap.path("payload");
                assertTrue(contains(p.path("agents"), "agentId", agent.agentId), "roster has the agent");
                assertEquals("snapshot task", p.path("tasks").get(p.path("tasks").size() - 1).at("/payload/description").asText());
                JsonNode lastThought = p.path("thoughts").get(p.path("thoughts").size() - 1);
                assertEquals("before the spectator came", lastThought.at("/payload/content").asText());
                assertFalse(p.path("gap").asBoolean());
                assertEquals(p.path("latestSeq").asLong() + 1, p.path("resumeFrom").asLong());

                agent.think(taskId, 2, "live one");
                agent.respond(taskId, "final", 5);
                JsonNode t = spectator.await("AGENT_THOUGHT");
                JsonNode r = spectator.await("AGENT_RESPONSE");
                assertEquals("live one", t.at("/payload/content").asText());
                assertEquals(p.path("resumeFrom").asLong(), t.path("arenaSeq").asLong());
                assertEquals(t.path("arenaSeq").asLong() + 1, r.path("arenaSeq").asLong());
                // Spectators are read-only: whatever they send is ignored.
                spectator.raw("{\"type\":\"GLOBAL_TASK\",\"payload\":{\"description\":\"nope\"}}");
                agent.think(taskId, 3, "after the noise");
                assertEquals("after the noise", spectator.await("AGENT_THOUGHT").at("/payload/content").asText());
            }
        }
    }

    @Test
    void sinceResumesWithoutGap() {
        String taskId = UUID.randomUUID().toString();
        try (SeedClient agent = SeedClient.join(ws("/"), "Resumer")) {
            long seen;
            try (SeedClient first = SeedClient.open(ws("/arena"))) {
                first.await("ARENA_SNAPSHOT");
                agent.think(taskId, 1, "seen");
                seen = first.await("AGENT_THOUGHT").path("arenaSeq").asLong();
            }
            for (int i = 1; i <= 20; i++) {
                agent.think(taskId, i + 1, "missed " + i);
            }
            agent.respond(taskId, "done", 1);
            agent.await("AGENT_RESPONSE");
            try (SeedClient back = SeedClient.open(ws("/arena?since=" + seen))) {
                JsonNode snap = back.await("ARENA_SNAPSHOT");
                assertEquals(seen + 1, snap.at("/payload/resumeFrom").asLong());
                List<String> contents = new ArrayList<>();
                long expected = seen + 1;
                while (contents.size() < 21) {
                    JsonNode e = back.await(n -> n.has("arenaSeq") && !n.path("type").asText().equals("ARENA_SNAPSHOT"), "replay");
                    assertEquals(expected++, e.path("arenaSeq").asLong(), "no gap, no duplicate");
                    if (agent.agentId.equals(e.path("agentId").asText())) {
                        contents.add(e.at("/payload/content").asText());
                    }
                }
                assertEquals("missed 1", contents.get(0));
                assertEquals("done", contents.get(20));
            }
        }
    }

    @Test
    void sinceOlderThanTheArenaKeepsIsFlaggedAsGap() {
        List<SeedClient> agents = new ArrayList<>();
        try (SeedClient agent = SeedClient.join(ws("/"), "Filler")) {
            for (int i = 0; i < 3; i++) {
                agents.add(SeedClient.join(ws("/"), "Filler" + i));
            }
            thinkPaced(agents, 210, "fill");
            agent.await(n -> "fill 209".equals(n.at("/payload/content").asText()), "last filler");
            try (SeedClient old = SeedClient.open(ws("/arena?since=0"))) {
                JsonNode snap = old.await("ARENA_SNAPSHOT");
                assertTrue(snap.at("/payload/gap").asBoolean());
                long from = snap.at("/payload/resumeFrom").asLong();
                assertEquals(from, old.await(n -> n.has("arenaSeq") && n.path("payload").has("content"), "replay")
                        .path("arenaSeq").asLong());
            }
        } finally {
            agents.forEach(SeedClient::close);
        }
    }

    @Test
    void badSinceIsRefused() {
        try (SeedClient s = SeedClient.open(ws("/arena?since=yesterday"))) {
            assertEquals(1008, s.awaitClose());
            assertTrue(s.closeReason().contains("since"));
        }
    }

    @Test
    void aSpectatorThatDoesNotReadIsClosedAndOthersMissNothing() {
        List<SeedClient> agents = new ArrayList<>();
        try (SeedClient slow = SeedClient.open(ws("/arena")); SeedClient good = SeedClient.open(ws("/arena"))) {
            slow.pause();
            long start = good.await("ARENA_SNAPSHOT").at("/payload/resumeFrom").asLong();
            for (int i = 0; i < 4; i++) {
                agents.add(SeedClient.join(ws("/"), "Bulk" + i));
            }
            String big = "€".repeat(1000); // ~3 KB per event: fills socket buffers quickly
            int sent = 0;
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline && !kickedSlowSpectator()) {
                thinkPaced(agents, 200, big);
                sent += 200;
            }
            assertTrue(kickedSlowSpectator(), "slow spectator closed after " + sent + " thoughts");
            slow.resume();
            assertEquals(4001, slow.awaitClose());
            assertTrue(slow.closeReason().startsWith("too slow"), slow.closeReason());

            // The reading spectator got every event, in order, without a gap.
            long expected = start;
            int thoughts = 0;
            while (thoughts < sent) {
                JsonNode e = good.await(n -> n.has("arenaSeq"), "event " + expected);
                assertEquals(expected++, e.path("arenaSeq").asLong());
                if ("AGENT_THOUGHT".equals(e.path("type").asText())) {
                    thoughts++;
                }
            }
            assertFalse(good.isClosed());
        } finally {
            agents.forEach(SeedClient::close);
        }
    }

    /** Round-robin thoughts, paced to stay under the per-agent rate limit of the test profile (500/s). */
    private static void thinkPaced(List<SeedClient> agents, int count, String content) {
        String taskId = UUID.randomUUID().toString();
        for (int i = 0; i < count; i++) {
            agents.get(i % agents.size()).think(taskId, 1, content.length() > 16 ? content : content + " " + i);
            if (i % agents.size() == 0) {
                sleep(1);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean kickedSlowSpectator() {
        return RestAssured.get("/q/metrics").asString().contains("mowai_arena_kicks_total{reason=\"slow-spectator\"}");
    }

    private static boolean contains(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asText())) {
                return true;
            }
        }
        return false;
    }
}
