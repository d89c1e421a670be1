package dev.mowai.runner.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.runner.component.agent.AgentInfo;
import dev.mowai.runner.core.Backoff;
import dev.mowai.runner.core.Truncation;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArenaProtocolTest {

    static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    static final String TASK = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    static final ObjectMapper JSON = new ObjectMapper();
    static final AgentInfo INFO = new AgentInfo("Ada", "1.0.0", "#ff8800", "contrarian");

    final ArenaSession session = new ArenaSession(ID, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10)),
            java.util.Optional.empty());

    static JsonNode json(String frame) throws Exception {
        return JSON.readTree(frame);
    }

    static String ack(int slot) {
        return "{\"type\":\"ARENA_ACK\",\"agentId\":\"00000000-0000-4000-8000-000000000000\",\"slot\":0,\"seq\":0,\"ts\":1,"
                + "\"payload\":{\"slot\":" + slot + ",\"connectedPeers\":3,\"arenaVersion\":\"0.1.0\"}}";
    }

    @Test
    void connectIsTheFirstFrameWithTheProfileAndTheEnvelope() throws Exception {
        JsonNode c = json(session.opened(1234, INFO));
        assertEquals("AGENT_CONNECT", c.get("type").asText());
        assertEquals(ID, c.get("agentId").asText());
        assertEquals(1, c.get("seq").asLong());
        assertEquals(1234, c.get("ts").asLong());
        assertEquals("Ada", c.at("/payload/name").asText());
        assertEquals("#ff8800", c.at("/payload/color").asText());
        assertEquals("contrarian", c.at("/payload/persona").asText());
        assertEquals("1.0.0", c.at("/payload/version").asText());
        assertEquals(ArenaSession.Phase.AWAITING_ACK, session.phase());
    }

    @Test
    void withTheArenaKeyConnectCarriesTheCredentialOfItsIdAndTsAndWithoutItNone() throws Exception {
        String key = "the-arena-and-runner-key";
        ArenaSession keyed = new ArenaSession(ID, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10)),
                ServiceKey.of("mowai.agent-key", java.util.Optional.of(key)));
        JsonNode c = json(keyed.opened(1234, INFO));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal(("mowai-arena-connect|" + ID + "|1234").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(expected, c.at("/payload/credential").asText());
        assertTrue(json(session.opened(1234, INFO)).at("/payload/credential").isMissingNode(), "seed-shaped without a key");
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> ServiceKey.of("mowai.agent-key", java.util.Optional.of("too-short")));
        assertTrue(shortKey.getMessage().startsWith("mowai.agent-key: at least 16 characters"), shortKey.getMessage());
    }

    @Test
    void overlongProfileFieldsAreCutToTheArenaLimitsAndABlankNameGetsOne() throws Exception {
        JsonNode c = json(ArenaWire.connect(ID, 1, 1, "", "c".repeat(50), "p".repeat(80), "v".repeat(40), java.util.Optional.empty()));
        assertEquals("agent", c.at("/payload/name").asText());
        assertEquals(32, c.at("/payload/color").asText().length());
        assertEquals(64, c.at("/payload/persona").asText().length());
        assertEquals(32, c.at("/payload/version").asText().length());
    }

    @Test
    void nothingIsSentBeforeTheAck() {
        session.opened(1, INFO);
        assertEquals(Optional.empty(), session.thought(2, TASK, 1, "x"));
        assertEquals(Optional.empty(), session.response(2, TASK, "x", 5));
        assertInstanceOf(ArenaInbound.Ack.class, session.received(ack(7)));
        assertEquals(ArenaSession.Phase.JOINED, session.phase());
        assertEquals(7, session.slot());
        assertTrue(session.thought(3, TASK, 1, "x").isPresent());
    }

    @Test
    void seqIncreasesStrictlyAcrossMessagesAndReconnects() throws Exception {
        long last = json(session.opened(1, INFO)).get("seq").asLong();
        session.received(ack(1));
        long t = json(session.thought(2, TASK, 1, "a").orElseThrow()).get("seq").asLong();
        long r = json(session.response(3, TASK, "b", 10).orElseThrow()).get("seq").asLong();
        long p = json(session.pong(4).orElseThrow()).get("seq").asLong();
        session.closed("gone", 0.5);
        long again = json(session.opened(5, INFO)).get("seq").asLong();
        assertTrue(last < t && t < r && r < p && p < again, last + " " + t + " " + r + " " + p + " " + again);
    }

    @Test
    void thoughtAndResponsePayloadsMatchTheArena() throws Exception {
        session.opened(1, INFO);
        session.received(ack(1));
        JsonNode t = json(session.thought(2, TASK, 3, "hmm").orElseThrow());
        assertEquals("AGENT_THOUGHT", t.get("type").asText());
        assertEquals("hmm", t.at("/payload/content").asText());
        assertEquals(3, t.at("/payload/step").asInt());
        assertEquals(TASK, t.at("/payload/taskId").asText());
        JsonNode r = json(session.response(2, TASK, "done", 1500).orElseThrow());
        assertEquals("AGENT_RESPONSE", r.get("type").asText());
        assertEquals(1500, r.at("/payload/durationMs").asLong());
        assertEquals(0, json(ArenaWire.response(ID, 1, 1, TASK, "x", -5)).at("/payload/durationMs").asLong());
    }

    @Test
    void longContentIsTruncatedAndFramesStayUnder8KbEvenWithEscapes() throws Exception {
        JsonNode t = json(ArenaWire.thought(ID, 1, 1, TASK, 1, "a".repeat(3000)));
        assertEquals(1024, t.at("/payload/content").asText().length());
        assertTrue(t.at("/payload/content").asText().endsWith(Truncation.MARKER));
        String controls = ArenaWire.response(ID, 1, 1, TASK, "\u0001".repeat(2048), 1);
        assertTrue(ArenaWire.utf8Length(controls) <= ArenaWire.FRAME_MAX_BYTES, "escaped control characters grow 6x");
        assertTrue(json(controls).at("/payload/content").asText().endsWith(Truncation.MARKER));
        String wide = ArenaWire.response(ID, 1, 1, TASK, "語".repeat(2048), 1);
        assertTrue(ArenaWire.utf8Length(wide) <= ArenaWire.FRAME_MAX_BYTES);
    }

    static String ackAt(long ts) {
        return "{\"type\":\"ARENA_ACK\",\"ts\":" + ts + ",\"payload\":{\"slot\":1,\"connectedPeers\":3,\"arenaVersion\":\"0.1.0\"}}";
    }

    static String taskAt(String id, long ts) {
        return "{\"type\":\"GLOBAL_TASK\",\"ts\":" + ts + ",\"payload\":{\"taskId\":\"" + id + "\",\"description\":\"d " + id + "\"}}";
    }

    @Test
    void ofTheTasksReplayedOnJoinOnlyTheNewestIsTaken() {
        // The arena replays its last 5 tasks after the ACK; every one used to be answered at once.
        session.opened(1, INFO);
        session.received(ackAt(1_000));
        for (int i = 1; i <= 5; i++) {
            assertInstanceOf(ArenaInbound.Ignored.class, session.received(taskAt("t" + i, 100 + i)));
        }
        assertEquals(Optional.of(new ArenaInbound.Task("t5", "d t5", 105)), session.replayOver());
        assertEquals(Optional.empty(), session.replayOver(), "taken once");
        assertEquals(new ArenaInbound.Task("t6", "d t6", 1_001), session.received(taskAt("t6", 1_001)));
    }

    @Test
    void tasksWithReactionsFalseAreQuietLiveOrReplayedAndTheMemoryIsBounded() {
        session.opened(1, INFO);
        session.received(ackAt(1_000));
        String quiet = "{\"type\":\"GLOBAL_TASK\",\"ts\":%d,\"payload\":{\"taskId\":\"%s\",\"description\":\"d\",\"reactions\":false}}";
        assertInstanceOf(ArenaInbound.Ignored.class, session.received(quiet.formatted(900, "replayed")));
        assertEquals(new ArenaInbound.Task("live", "d", 1_001, false), session.received(quiet.formatted(1_001, "live")));
        session.received(taskAt("loud", 1_002));
        assertFalse(session.reactsTo("replayed"));
        assertFalse(session.reactsTo("live"));
        assertTrue(session.reactsTo("loud"));
        assertTrue(session.reactsTo("never-seen"));
        for (int i = 0; i < 64; i++) {
            session.received(quiet.formatted(1_100 + i, "q" + i));
        }
        assertTrue(session.reactsTo("replayed"), "the oldest quiet task is forgotten past 64");
        assertFalse(session.reactsTo("q63"));
    }

    @Test
    void aLiveTaskDuringTheReplaySupersedesTheReplayedOnes() {
        session.opened(1, INFO);
        session.received(ackAt(1_000));
        session.received(taskAt("old", 900));
        assertInstanceOf(ArenaInbound.Task.class, session.received(taskAt("live", 1_000)));
        assertEquals(Optional.empty(), session.replayOver());
    }

    @Test
    void tasksWithoutATimeAreLive() {
        session.opened(1, INFO);
        session.received(ack(1));
        assertInstanceOf(ArenaInbound.Task.class, session.received(taskAt("seed", 0)));
    }

    @Test
    void readsTasksPeerThoughtsPingsAndErrors() {
        assertEquals(new ArenaInbound.Task(TASK, "design a kite", 1), ArenaWire.read(
                "{\"type\":\"GLOBAL_TASK\",\"agentId\":\"x\",\"slot\":0,\"seq\":0,\"ts\":1,\"payload\":{\"taskId\":\""
                        + TASK + "\",\"description\":\"design a kite\",\"issuedAt\":1},\"arenaSeq\":4}"));
        assertEquals(new ArenaInbound.PeerThought(ID, TASK, 2, "yes"), ArenaWire.read(
                "{\"type\":\"PEER_THOUGHT\",\"payload\":{\"sourceAgentId\":\"" + ID + "\",\"taskId\":\"" + TASK
                        + "\",\"step\":2,\"content\":\"yes\"}}"));
        assertEquals(new ArenaInbound.Ping(), ArenaWire.read("{\"type\":\"PING\",\"payload\":{}}"));
        assertEquals(new ArenaInbound.Error("seq too low"), ArenaWire.read("{\"type\":\"ARENA_ERROR\",\"payload\":{\"reason\":\"seq too low\"}}"));
        assertEquals(new ArenaInbound.Ignored("AGENT_THOUGHT"), ArenaWire.read("{\"type\":\"AGENT_THOUGHT\",\"payload\":{}}"));
    }

    @Test
    void malformedFramesAreNamedNotThrown() {
        assertInstanceOf(ArenaInbound.Malformed.class, ArenaWire.read("not json"));
        assertInstanceOf(ArenaInbound.Malformed.class, ArenaWire.read("[1,2]"));
        assertInstanceOf(ArenaInbound.Malformed.class, ArenaWire.read("{\"payload\":{}}"));
        assertInstanceOf(ArenaInbound.Malformed.class, ArenaWire.read("{\"type\":\"GLOBAL_TASK\",\"payload\":{}}"));
        assertInstanceOf(ArenaInbound.Malformed.class, ArenaWire.read(
                "{\"type\":\"PEER_THOUGHT\",\"payload\":{\"sourceAgentId\":\"a\",\"taskId\":\"b\",\"step\":\"x\",\"content\":\"c\"}}"));
    }

    @Test
    void pingIsAnsweredWithPong() throws Exception {
        session.opened(1, INFO);
        session.received(ack(1));
        assertEquals("PONG", json(session.pong(9).orElseThrow()).get("type").asText());
    }

    @Test
    void reconnectDelaysGrowUntilAnAckResetsThem() {
        session.opened(1, INFO);
        Duration d1 = session.closed("refused", 0.0).orElseThrow();
        Duration d2 = session.closed("refused", 0.0).orElseThrow();
        Duration d3 = session.closed("refused", 0.0).orElseThrow();
        assertTrue(d1.compareTo(d2) < 0 && d2.compareTo(d3) < 0);
        assertEquals("refused", session.lastError());
        session.opened(2, INFO);
        session.received(ack(1));
        assertEquals(d1, session.closed("again", 0.0).orElseThrow());
    }

    @Test
    void leavingSendsDisconnectOnceAndStopsReconnecting() throws Exception {
        session.opened(1, INFO);
        session.received(ack(1));
        assertEquals("AGENT_DISCONNECT", json(session.leave(2).orElseThrow()).get("type").asText());
        assertEquals(Optional.empty(), session.leave(3));
        assertEquals(Optional.empty(), session.closed("closed", 0.5));
        assertEquals(Optional.empty(), session.thought(4, TASK, 1, "x"));
        assertThrows(IllegalStateException.class, () -> session.opened(5, INFO));
    }

    @Test
    void anArenaErrorIsRemembered() {
        session.opened(1, INFO);
        session.received("{\"type\":\"ARENA_ERROR\",\"payload\":{\"reason\":\"duplicate agentId\"}}");
        assertEquals("duplicate agentId", session.lastError());
    }

    @Test
    void theIdentityMustBeAUuidV4() {
        assertThrows(IllegalArgumentException.class, () -> new ArenaSession("agent-1", new Backoff(Duration.ofMillis(1), Duration.ofMillis(2)), java.util.Optional.empty()));
        assertTrue(ArenaWire.isUuidV4(java.util.UUID.randomUUID().toString()));
    }
}
