package dev.mowai.arena.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.arena.protocol.MessageType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RelayTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long T0 = 1_700_000_000_000L;
    static final String TASK = UUID.randomUUID().toString();

    final Relay relay = new Relay(new RelayConfig(10, 60_000, 30_000, 90_000, 30_000, 20, 40, 5, "0.1.0"));
    RelayState state = RelayState.empty();

    List<Effect> step(RelayInput in) {
        Transition t = relay.step(state, in);
        state = t.state();
        return t.effects();
    }

    static String connect(String id, long seq, long ts, String name) {
        return "{\"type\":\"AGENT_CONNECT\",\"agentId\":\"" + id + "\",\"seq\":" + seq + ",\"ts\":" + ts
                + ",\"payload\":{\"name\":\"" + name + "\",\"color\":\"red\",\"persona\":\"p\",\"version\":\"1\"}}";
    }

    static String thought(String id, long seq, long ts, String content) {
        return "{\"type\":\"AGENT_THOUGHT\",\"agentId\":\"" + id + "\",\"seq\":" + seq + ",\"ts\":" + ts
                + ",\"payload\":{\"content\":\"" + content + "\",\"step\":1,\"taskId\":\"" + TASK + "\"}}";
    }

    String join(String conn, String id, long now) {
        step(new RelayInput.Opened(conn, now));
        step(new RelayInput.Received(conn, connect(id, 1, now, conn), now));
        return id;
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static <T> List<T> of(List<Effect> effects, Class<T> type) {
        return effects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static List<String> sentTypes(List<Effect> effects, String conn) {
        return of(effects, Effect.Send.class).stream().filter(s -> s.conn().equals(conn))
                .map(s -> json(s.json()).path("type").asText()).toList();
    }

    static String reason(List<Effect> effects) {
        return of(effects, Effect.Send.class).stream().map(s -> json(s.json()))
                .filter(n -> n.path("type").asText().equals("ARENA_ERROR")).findFirst()
                .map(n -> n.at("/payload/reason").asText()).orElse(null);
    }

    @Test
    void joinAcksThenPublishesTheJoin() {
        step(new RelayInput.Opened("c1", T0));
        String id = UUID.randomUUID().toString();
        List<Effect> fx = step(new RelayInput.Received("c1", connect(id, 0, T0, "Ada"), T0));
        assertEquals(List.of("ARENA_ACK"), sentTypes(fx, "c1"));
        JsonNode ack = json(of(fx, Effect.Send.class).getFirst().json());
        assertEquals(0, ack.at("/payload/slot").asInt());
        assertEquals(1, ack.at("/payload/connectedPeers").asInt());
        Effect.Publish join = of(fx, Effect.Publish.class).getFirst();
        assertEquals(MessageType.AGENT_CONNECT, join.event().type());
        assertEquals(1, join.event().arenaSeq());
        assertEquals(1, state.arenaSeq());
        assertEquals("Ada", state.agents().getFirst().profile().name());
    }

    @Test
    void lateJoinerGetsTheLastFiveTasksInOrder() {
        for (int i = 1; i <= 7; i++) {
            step(new RelayInput.TaskPosted(UUID.randomUUID().toString(), "task " + i, T0 + i));
        }
        assertEquals(5, state.recentTasks().size());
        assertEquals(7, state.arenaSeq());
        step(new RelayInput.Opened("c", T0));
        List<Effect> fx = step(new RelayInput.Received("c", connect(UUID.randomUUID().toString(), 1, T0, "L"), T0));
        List<String> descriptions = of(fx, Effect.Send.class).stream().map(s -> json(s.json()))
                .filter(n -> n.path("type").asText().equals("GLOBAL_TASK"))
                .map(n -> n.at("/payload/description").asText()).toList();
        assertEquals(List.of("task 3", "task 4", "task 5", "task 6", "task 7"), descriptions);
    }

    @Test
    void firstMessageOtherThanConnectClosesWith1008() {
        step(new RelayInput.Opened("c", T0));
        List<Effect> fx = step(new RelayInput.Received("c", thought(UUID.randomUUID().toString(), 1, T0, "x"), T0));
        assertEquals("first message must be AGENT_CONNECT, got AGENT_THOUGHT", reason(fx));
        Effect.Close close = of(fx, Effect.Close.class).getFirst();
        assertEquals(CloseCodes.POLICY, close.code());
        assertTrue(state.sessions().isEmpty());
        step(new RelayInput.Opened("d", T0));
        assertTrue(reason(step(new RelayInput.Received("d", "{bad", T0))).startsWith("first message must be AGENT_CONNECT; malformed JSON"));
        assertEquals(1, of(step(new RelayInput.Opened("e", T0)), Effect.class).size() + 1);
    }

    @Test
    void pingBeforeConnectGetsPongAndKeepsTheConnectionPending() {
        step(new RelayInput.Opened("c", T0));
        List<Effect> fx = step(new RelayInput.Received("c", "{\"type\":\"PING\"}", T0 + 5));
        assertEquals(List.of("PONG"), sentTypes(fx, "c"));
        assertInstanceOf(Session.Pending.class, state.sessions().get("c"));
        assertTrue(step(new RelayInput.Received("c", "{\"type\":\"PONG\"}", T0 + 6)).isEmpty());
    }

    @Test
    void duplicateAgentIdIsRefusedAndTheOriginalKept() {
        String id = join("c1", UUID.randomUUID().toString(), T0);
        step(new RelayInput.Opened("c2", T0));
        List<Effect> fx = step(new RelayInput.Received("c2", connect(id, 1, T0, "copy"), T0));
        assertEquals("AGENT_CONNECT: agentId: " + id + " is already connected", reason(fx));
        assertEquals(new Effect.Observed(Effect.Observation.KICKED, "duplicate"), of(fx, Effect.Observed.class).getLast());
        assertEquals(1, state.agents().size());
        assertEquals("c1", state.agents().getFirst().conn());
    }

    @Test
    void connectWithAStaleClockIsRefused() {
        step(new RelayInput.Opened("c", T0));
        List<Effect> fx = step(new RelayInput.Received("c", connect(UUID.randomUUID().toString(), 1, T0 - 30_001, "x"), T0));
        assertEquals("AGENT_CONNECT: ts is 30001 ms away from arena time (limit 30000 ms)", reason(fx));
        assertEquals(CloseCodes.POLICY, of(fx, Effect.Close.class).getFirst().code());
    }

    @Test
    void thoughtIsPublishedAndCopiedToPeersOnly() {
        String a = join("a", UUID.randomUUID().toString(), T0);
        join("b", UUID.randomUUID().toString(), T0);
        List<Effect> fx = step(new RelayInput.Received("a", thought(a, 2, T0, "idea"), T0 + 1));
        Effect.Publish p = of(fx, Effect.Publish.class).getFirst();
        assertEquals(MessageType.AGENT_THOUGHT, p.event().type());
        assertEquals("idea", json(p.event().json()).at("/payload/content").asText());
        Effect.SendToPeers peers = of(fx, Effect.SendToPeers.class).getFirst();
        assertEquals("a", peers.exceptConn());
        JsonNode peer = json(peers.json());
        assertEquals("PEER_THOUGHT", peer.path("type").asText());
        assertEquals(a, peer.at("/payload/sourceAgentId").asText());
        assertEquals(2, state.agents().getFirst().lastSeq());
        assertTrue(fx.indexOf(p) < fx.indexOf(peers), "broadcast before the peer copies");
    }

    @Test
    void responseIsPublished() {
        String a = join("a", UUID.randomUUID().toString(), T0);
        String frame = "{\"type\":\"AGENT_RESPONSE\",\"agentId\":\"" + a + "\",\"seq\":2,\"ts\":" + T0
                + ",\"payload\":{\"content\":\"done\",\"durationMs\":3,\"taskId\":\"" + TASK + "\"}}";
        Effect.Publish p = of(step(new RelayInput.Received("a", frame, T0)), Effect.Publish.class).getFirst();
        assertEquals(MessageType.AGENT_RESPONSE, p.event().type());
    }

    @Test
    void seqMustIncreaseAndTsStayNearArenaTime() {
        String a = join("a", UUID.randomUUID().toString(), T0);
        assertEquals("AGENT_THOUGHT: seq 1 must be greater than the last seq 1",
                reason(step(new RelayInput.Received("a", thought(a, 1, T0, "x"), T0))));
        assertEquals("AGENT_THOUGHT: ts is 40000 ms away from arena time (limit 30000 ms)",
                reason(step(new RelayInput.Received("a", thought(a, 5, T0 + 40_000, "x"), T0))));
        // A refused message does not consume its seq.
        assertTrue(of(step(new RelayInput.Received("a", thought(a, 5, T0, "x"), T0)), Effect.Publish.class).size() == 1);
        assertEquals(2, state.agents().getFirst().errors().count());
    }

    @Test
    void spoofedIdAndSecondConnectAreErrors() {
        String a = join("a", UUID.randomUUID().toString(), T0);
        String other = UUID.randomUUID().toString();
        assertEquals("AGENT_THOUGHT: agentId " + other + " does not match this connection's agent " + a,
                reason(step(new RelayInput.Received("a", thought(other, 9, T0, "x"), T0))));
        assertEquals("AGENT_CONNECT: this connection already joined as " + a,
                reason(step(new RelayInput.Received("a", connect(a, 9, T0, "again"), T0))));
        assertEquals("type: ARENA_ACK is sent by the arena only",
                reason(step(new RelayInput.Received("a", "{\"type\":\"ARENA_ACK\"}", T0))));
    }

    @Test
    void elevenErrorsWithinTheWindowKick() {
        String a = join("a", UUID.randomUUID().toString(), T0);
        join("b", UUID.randomUUID().toString(), T0);
        for (int i = 0; i < 10; i++) {
            List<Effect> fx = step(new RelayInput.Received("a", "nope", T0 + i));
            assertTrue(of(fx, Effect.Close.class).isEmpty());
        }
        List<Effect> fx = step(new RelayInput.Received("a", "nope", T0 + 10));
        Effect.Close close = of(fx, Effect.Close.class).getFirst();
        assertEquals(CloseCodes.POLICY, close.code());
        assertEquals("more than 10 errors in 60 s", close.reason());
        Effect.Publish left = of(fx, Effect.Publish.class).getFirst();
        assertEquals(MessageType.AGENT_DISCONNECT, left.event().type());
        assertEquals(a, left.event().agentId());
        assertEquals(1, state.agents().size());
        assertTrue(step(new RelayInput.Received("a", "late", T0 + 11)).isEmpty(), "a kicked connection is forgotten");
    }

    @Test
    void errorsOutsideTheWindowAreForgiven() {
        String a = join("a", UUID.randomUUID().toString(), T0);
        for (int i = 0; i < 10; i++) {
            step(new RelayInput.Received("a", "nope", T0 + i));
        }
        List<Effect> fx = step(new RelayInput.Received("a", "nope", T0 + 60_010));
        assertTrue(of(fx, Effect.Close.class).isEmpty());
        assertEquals(1, state.agent(a).orElseThrow().errors().count());
    }

    @Test
    void floodingPastTheRateIsAnError() {
        String a = join("a", UUID.randomUUID().toString(), T0);
        long seq = 2;
        for (int i = 0; i < 40; i++) {
            assertTrue(reason(step(new RelayInput.Received("a", thought(a, seq++, T0, "x"), T0))) == null);
        }
        assertEquals("rate limit: more than 20 messages/s (burst 40)",
                reason(step(new RelayInput.Received("a", thought(a, seq++, T0, "x"), T0))));
        // After 100 ms, two tokens are back.
        assertTrue(reason(step(new RelayInput.Received("a", thought(a, seq++, T0 + 100, "x"), T0 + 100))) == null);
        assertTrue(reason(step(new RelayInput.Received("a", thought(a, seq++, T0 + 100, "x"), T0 + 100))) == null);
        assertTrue(reason(step(new RelayInput.Received("a", thought(a, seq++, T0 + 100, "x"), T0 + 100))).startsWith("rate limit"));
    }

    @Test
    void tickPingsOnScheduleAndClosesTheSilent() {
        join("a", UUID.randomUUID().toString(), T0);
        assertTrue(step(new RelayInput.Tick(T0 + 29_999)).isEmpty());
        assertEquals(List.of("PING"), sentTypes(step(new RelayInput.Tick(T0 + 30_000)), "a"));
        assertTrue(step(new RelayInput.Tick(T0 + 45_000)).isEmpty(), "no second PING before the interval");
        step(new RelayInput.Received("a", "{\"type\":\"PONG\"}", T0 + 50_000));
        assertTrue(of(step(new RelayInput.Tick(T0 + 139_999)), Effect.Close.class).isEmpty());
        List<Effect> fx = step(new RelayInput.Tick(T0 + 140_000));
        Effect.Close close = of(fx, Effect.Close.class).getFirst();
        assertEquals(CloseCodes.GOING_AWAY, close.code());
        assertEquals("silent for 90 s", close.reason());
        assertEquals(MessageType.AGENT_DISCONNECT, of(fx, Effect.Publish.class).getFirst().event().type());
        assertTrue(state.sessions().isEmpty());
    }

    @Test
    void webSocketPongsCountAsLife() {
        join("a", UUID.randomUUID().toString(), T0);
        step(new RelayInput.Heard("a", T0 + 80_000));
        assertTrue(of(step(new RelayInput.Tick(T0 + 100_000)), Effect.Close.class).isEmpty());
    }

    @Test
    void pendingConnectionsMustJoinInTime() {
        step(new RelayInput.Opened("p", T0));
        step(new RelayInput.Received("p", "{\"type\":\"PING\"}", T0 + 80_000));
        List<Effect> fx = step(new RelayInput.Tick(T0 + 90_000));
        assertEquals("no AGENT_CONNECT within 90 s", of(fx, Effect.Close.class).getFirst().reason());
        assertTrue(of(fx, Effect.Publish.class).isEmpty(), "nobody had joined, nobody leaves");
    }

    @Test
    void disconnectAndCloseBothPublishALeaveOnce() {
        String a = join("a", UUID.randomUUID().toString(), T0);
        String bye = "{\"type\":\"AGENT_DISCONNECT\",\"agentId\":\"" + a + "\",\"seq\":2,\"ts\":" + T0 + "}";
        List<Effect> fx = step(new RelayInput.Received("a", bye, T0));
        assertEquals(CloseCodes.NORMAL, of(fx, Effect.Close.class).getFirst().code());
        assertEquals(1, of(fx, Effect.Publish.class).size());
        assertTrue(step(new RelayInput.Closed("a", T0)).isEmpty());
        String b = join("b", UUID.randomUUID().toString(), T0);
        Effect.Publish left = of(step(new RelayInput.Closed("b", T0)), Effect.Publish.class).getFirst();
        assertEquals(b, left.event().agentId());
        assertEquals("connection closed", json(left.event().json()).at("/payload/reason").asText());
        assertTrue(step(new RelayInput.Closed("nobody", T0)).isEmpty());
    }

    @Test
    void slotsAreTheLowestFree() {
        join("a", UUID.randomUUID().toString(), T0);
        join("b", UUID.randomUUID().toString(), T0);
        step(new RelayInput.Closed("a", T0));
        join("c", UUID.randomUUID().toString(), T0);
        assertEquals(0, state.sessions().get("c") instanceof Session.Joined j ? j.slot() : -1);
        assertEquals(1, ((Session.Joined) state.sessions().get("b")).slot());
    }

    @Test
    void arenaSeqIsStrictlyIncreasingAcrossEveryKindOfEvent() {
        String a = join("a", UUID.randomUUID().toString(), T0);
        step(new RelayInput.TaskPosted(UUID.randomUUID().toString(), "t", T0));
        step(new RelayInput.Received("a", thought(a, 2, T0, "x"), T0));
        step(new RelayInput.Closed("a", T0));
        assertEquals(4, state.arenaSeq());
    }

    @Test
    void restoreContinuesTheCounterAndSaysGoodbyeForOrphans() {
        RelayState restored = RelayState.restored(41, List.of(), java.util.Set.of());
        Transition t = relay.restore(restored, List.of(new Relay.Orphan(UUID.randomUUID().toString(), 2, "Ghost")), T0);
        Effect.Publish p = of(t.effects(), Effect.Publish.class).getFirst();
        assertEquals(42, p.event().arenaSeq());
        assertEquals("arena restarted", json(p.event().json()).at("/payload/reason").asText());
        assertEquals(42, t.state().arenaSeq());
        assertFalse(t.state().sessions().containsKey("x"));
    }
}
