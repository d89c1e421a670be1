package dev.mowai.arena.ws;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
class AgentSocketTest {

    @TestHTTPResource("/")
    URI root;

    URI bare() {
        return URI.create("ws://" + root.getHost() + ":" + root.getPort());
    }

    URI named() {
        return URI.create("ws://" + root.getHost() + ":" + root.getPort() + "/ws");
    }

    static String task() {
        return UUID.randomUUID().toString();
    }

    @Test
    void agentsJoinThinkAndHearEachOther() {
        try (SeedClient a = SeedClient.join(bare(), "Ada"); SeedClient b = SeedClient.join(named(), "Bo")) {
            JsonNode joined = a.await(n -> "AGENT_CONNECT".equals(n.path("type").asText())
                    && b.agentId.equals(n.path("agentId").asText()), "Bo's join");
            assertEquals("Bo", joined.at("/payload/name").asText());
            String taskId = task();
            a.think(taskId, 1, "cars are the wrong question");

            // Order on the wire: the broadcast, then the peer copy.
            JsonNode broadcast = b.await("AGENT_THOUGHT");
            assertEquals(a.agentId, broadcast.path("agentId").asText());
            assertTrue(broadcast.path("arenaSeq").asLong() > 0);
            JsonNode peer = b.await("PEER_THOUGHT");
            assertEquals(a.agentId, peer.at("/payload/sourceAgentId").asText());
            assertEquals(taskId, peer.at("/payload/taskId").asText());
            assertEquals(1, peer.at("/payload/step").asInt());
            assertEquals("cars are the wrong question", peer.at("/payload/content").asText());
            // The author sees its thought broadcast but gets no PEER_THOUGHT of its own.
            a.await("AGENT_THOUGHT");
            a.respond(taskId, "ban them", 1234);
            assertEquals("ban them", b.await("AGENT_RESPONSE").at("/payload/content").asText());
            assertTrue(a.drain(n -> "PEER_THOUGHT".equals(n.path("type").asText())).isEmpty());
        }
    }

    @Test
    void ackCarriesSlotPeersAndVersionAndLateJoinersGetTheLastFiveTasks() {
        List<String> descriptions = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            String d = "task number " + i + " " + UUID.randomUUID();
            descriptions.add(d);
            RestAssured.given().header("X-Admin-Secret", "test-secret").body("{\"description\":\"" + d + "\"}")
                    .post("/task").then().statusCode(200);
        }
        try (SeedClient late = SeedClient.open(bare())) {
            late.connect("Late", "red", "pragmatist");
            JsonNode ack = late.await("ARENA_ACK");
            assertEquals("0.1.0", ack.at("/payload/arenaVersion").asText());
            assertTrue(ack.at("/payload/connectedPeers").asInt() >= 1);
            assertTrue(ack.at("/payload/slot").isInt());
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                got.add(late.await("GLOBAL_TASK").at("/payload/description").asText());
            }
            assertEquals(descriptions.subList(2, 7), got);
        }
    }

    @Test
    void tasksReachConnectedAgents() {
        try (SeedClient a = SeedClient.join(bare(), "Tasked")) {
            String id = RestAssured.given().header("X-Admin-Secret", "test-secret")
                    .body("{\"description\":\"Design a bridge\"}").post("/task")
                    .then().statusCode(200).extract().path("taskId");
            JsonNode t = a.await(n -> "GLOBAL_TASK".equals(n.path("type").asText())
                    && id.equals(n.at("/payload/taskId").asText()), "the task");
            assertEquals("Design a bridge", t.at("/payload/description").asText());
            assertTrue(t.at("/payload/issuedAt").asLong() > 0);
        }
    }

    @Test
    void firstMessageMustBeAgentConnect() {
        try (SeedClient c = SeedClient.open(bare())) {
            c.think(task(), 1, "hello");
            assertThat(c.await("ARENA_ERROR"), "first message must be AGENT_CONNECT");
            assertEquals(1008, c.awaitClose());
        }
    }

    @Test
    void pingBeforeConnectIsAnsweredLikeTheSeed() {
        try (SeedClient c = SeedClient.open(bare())) {
            c.raw("{\"type\":\"PING\",\"ts\":1}");
            c.await("PONG");
            c.connect("Pinger", "blue", "x");
            c.await("ARENA_ACK");
        }
    }

    @Test
    void invalidConnectIsRefusedWithTheField() {
        try (SeedClient c = SeedClient.open(bare())) {
            c.connect("n".repeat(65), "red", "p");
            assertThat(c.await("ARENA_ERROR"), "payload.name: 65 characters exceeds the limit of 64");
            assertEquals(1008, c.awaitClose());
        }
    }

    @Test
    void duplicateAgentIdIsRefused() throws Exception {
        try (SeedClient first = SeedClient.join(bare(), "Original"); SeedClient copy = SeedClient.open(bare())) {
            var env = SeedClient.JSON.createObjectNode().put("type", "AGENT_CONNECT").put("agentId", first.agentId)
                    .put("seq", 1).put("ts", System.currentTimeMillis()).put("slot", 0);
            env.putObject("payload").put("name", "Impostor").put("color", "red").put("persona", "x").put("version", "1");
            copy.raw(env.toString());
            assertThat(copy.await("ARENA_ERROR"), "is already connected");
            assertEquals(1008, copy.awaitClose());
            // The original is untouched.
            first.think(task(), 1, "still here");
            first.await("AGENT_THOUGHT");
        }
    }

    @Test
    void malformedJsonWrongTypesBadSeqAndBadTsGetClearErrorsAndLoseNothingElse() {
        try (SeedClient c = SeedClient.join(bare(), "Sloppy")) {
            c.raw("{not json");
            assertThat(c.await("ARENA_ERROR"), "malformed JSON");
            c.raw("[1,2]");
            assertThat(c.await("ARENA_ERROR"), "must be a JSON object");
            c.raw("{\"type\":\"SHOUT\"}");
            assertThat(c.await("ARENA_ERROR"), "unknown message type 'SHOUT'");
            c.send("GLOBAL_TASK", SeedClient.JSON.createObjectNode().put("description", "hijack"));
            assertThat(c.await("ARENA_ERROR"), "GLOBAL_TASK is sent by the arena only");
            c.send("AGENT_THOUGHT", SeedClient.JSON.createObjectNode().put("content", "x").put("step", 0)
                    .put("taskId", task()));
            assertThat(c.await("ARENA_ERROR"), "payload.step: must be an integer >= 1");
            c.send("AGENT_THOUGHT", SeedClient.JSON.createObjectNode().put("content", 5).put("step", 1)
                    .put("taskId", task()));
            assertThat(c.await("ARENA_ERROR"), "payload.content: missing or not a string");
            c.sendEnvelope("AGENT_THOUGHT", 1, System.currentTimeMillis(), thought("replayed"));
            assertThat(c.await("ARENA_ERROR"), "seq 1 must be greater than the last seq");
            c.sendEnvelope("AGENT_THOUGHT", c.nextSeq(), System.currentTimeMillis() - 60_000, thought("stale"));
            assertThat(c.await("ARENA_ERROR"), "away from arena time (limit 30000 ms)");
            c.sendEnvelope("AGENT_THOUGHT", -5, System.currentTimeMillis(), thought("negative"));
            assertThat(c.await("ARENA_ERROR"), "seq: must be a non-negative integer");

            c.think(task(), 1, "after nine errors I still count");
            assertEquals("after nine errors I still count", c.await("AGENT_THOUGHT").at("/payload/content").asText());
            assertTrue(!c.isClosed());
        }
        RestAssured.get("/q/metrics").then().body(containsString("mowai_arena_errors_total{type=\"unparsed\"}"));
    }

    @Test
    void oversizeFramesAreRefused() {
        try (SeedClient c = SeedClient.join(bare(), "Verbose")) {
            c.think(task(), 1, "x".repeat(9000));
            assertThat(c.await("ARENA_ERROR"), "frame of");
            c.think(task(), 1, "€".repeat(1025));
            assertThat(c.await("ARENA_ERROR"), "payload.content: 1025 characters exceeds the limit of 1024");
            c.think(task(), 1, "fine");
            c.await("AGENT_THOUGHT");
        }
        try (SeedClient huge = SeedClient.join(bare(), "Huge")) {
            huge.raw("x".repeat(70_000));
            assertEquals(1009, huge.awaitClose());
        }
    }

    @Test
    void moreThanTenErrorsDisconnects() {
        try (SeedClient c = SeedClient.join(bare(), "Noisy"); SeedClient watcher = SeedClient.join(bare(), "Watcher")) {
            for (int i = 0; i < 11; i++) {
                c.raw("garbage " + i);
            }
            assertEquals(1008, c.awaitClose());
            assertThat(c, "more than 10 errors in 60 s");
            JsonNode left = watcher.await(n -> "AGENT_DISCONNECT".equals(n.path("type").asText())
                    && c.agentId.equals(n.path("agentId").asText()), "Noisy's leave");
            assertEquals("more than 10 errors in 60 s", left.at("/payload/reason").asText());
        }
        RestAssured.get("/q/metrics").then().body(containsString("mowai_arena_kicks_total{reason=\"errors\"}"));
    }

    /**
     * A flood gets the flooder disconnected and nobody else: normally by the rate limit (its excess
     * frames become errors, the 11th error closes it with 1008); on a starved machine the arena may
     * instead see it stop reading its own echoes first and close it as too slow (4001). The exact
     * rate arithmetic is covered by RelayTest with a synthetic clock.
     */
    @Test
    void floodingGetsTheFlooderDisconnectedAndNobodyElse() {
        try (SeedClient c = SeedClient.join(bare(), "Flooder"); SeedClient bystander = SeedClient.join(named(), "Bystander")) {
            String taskId = task();
            long deadline = System.currentTimeMillis() + 20_000;
            int sent = 0;
            while (!c.isClosed() && System.currentTimeMillis() < deadline) {
                try {
                    c.think(taskId, 1, "flood " + sent++);
                } catch (RuntimeException closedMeanwhile) {
                    break;
                }
            }
            int code = c.awaitClose();
            assertTrue(code == 1008 || code == 4001, "closed with " + code + " " + c.closeReason());
            String metrics = RestAssured.get("/q/metrics").asString();
            assertTrue(code == 1008 ? metrics.contains("mowai_arena_errors_total{type=\"rate\"}")
                    : metrics.contains("mowai_arena_kicks_total{reason=\"slow\"}"), "the reason is counted");
            bystander.think(task(), 1, "unaffected");
            bystander.await(n -> "unaffected".equals(n.at("/payload/content").asText()), "the bystander's thought");
            assertTrue(!bystander.isClosed());
        }
    }

    @Test
    void silentClientsArePingedThenClosed() {
        try (SeedClient talker = SeedClient.join(bare(), "Talker"); SeedClient mute = SeedClient.join(bare(), "Mute")) {
            mute.silent();
            mute.await("PING");
            assertEquals(1001, mute.awaitClose());
            assertThat(mute, "silent for");
            // The one that answers PINGs stays.
            talker.think(task(), 1, "still alive");
            talker.await("AGENT_THOUGHT");
            assertTrue(!talker.isClosed());
        }
    }

    @Test
    void connectionsThatNeverJoinAreClosed() {
        try (SeedClient lurker = SeedClient.open(named())) {
            assertEquals(1001, lurker.awaitClose());
            assertThat(lurker, "no AGENT_CONNECT within");
        }
    }

    @Test
    void spoofedAgentIdIsRefused() {
        try (SeedClient c = SeedClient.join(bare(), "Honest")) {
            var env = SeedClient.JSON.createObjectNode().put("type", "AGENT_THOUGHT")
                    .put("agentId", UUID.randomUUID().toString()).put("seq", c.nextSeq())
                    .put("ts", System.currentTimeMillis()).put("slot", 0);
            env.set("payload", thought("spoof"));
            c.raw(env.toString());
            assertThat(c.await("ARENA_ERROR"), "does not match this connection's agent");
        }
    }

    @Test
    void agentDisconnectLeavesGracefully() {
        try (SeedClient a = SeedClient.join(bare(), "Leaver"); SeedClient w = SeedClient.join(bare(), "Witness")) {
            a.send("AGENT_DISCONNECT", SeedClient.JSON.createObjectNode());
            assertEquals(1000, a.awaitClose());
            JsonNode left = w.await(n -> "AGENT_DISCONNECT".equals(n.path("type").asText())
                    && a.agentId.equals(n.path("agentId").asText()), "the leave");
            assertEquals("Leaver", left.at("/payload/name").asText());
            assertNotEquals(a.agentId, RestAssured.get("/agents").then().extract().path("agentId[0]"));
        }
    }

    @Test
    void plainGetOfTheRootServesTheUi() {
        RestAssured.get("/").then().statusCode(200).body(containsString("<mowai-chat>"));
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode thought(String content) {
        return SeedClient.JSON.createObjectNode().put("content", content).put("step", 1).put("taskId", task());
    }

    private static void assertThat(JsonNode error, String fragment) {
        String reason = error.at("/payload/reason").asText();
        assertTrue(reason.contains(fragment), "reason '" + reason + "' should contain '" + fragment + "'");
    }

    private static void assertThat(SeedClient c, String fragment) {
        String reason = c.closeReason();
        assertTrue(reason != null && reason.contains(fragment), "close reason '" + reason + "' should contain '" + fragment + "'");
    }
}
