package dev.mowai.arena.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtocolParserTest {

    static final String ID = UUID.randomUUID().toString();
    static final String TASK = UUID.randomUUID().toString();

    static String env(String type, String payload) {
        return "{\"type\":\"" + type + "\",\"agentId\":\"" + ID + "\",\"slot\":0,\"seq\":3,\"ts\":1700000000000,\"payload\":"
                + payload + "}";
    }

    static String reason(String frame) {
        return assertInstanceOf(Parsed.Rejected.class, ProtocolParser.parse(frame)).reason();
    }

    static Inbound ok(String frame) {
        return assertInstanceOf(Parsed.Ok.class, ProtocolParser.parse(frame)).message();
    }

    @Test
    void connectIsParsedWithItsProfile() {
        var c = assertInstanceOf(Inbound.Connect.class,
                ok(env("AGENT_CONNECT", "{\"name\":\"Ada\",\"color\":\"#fff\",\"persona\":\"pragmatist\",\"version\":\"1\"}")));
        assertEquals(ID, c.agentId());
        assertEquals(3, c.seq());
        assertEquals(1.7e12, c.ts());
        assertEquals(new AgentProfile("Ada", "#fff", "pragmatist", "1"), c.profile());
    }

    @Test
    void thoughtResponseAndDisconnect() {
        var t = assertInstanceOf(Inbound.Thought.class,
                ok(env("AGENT_THOUGHT", "{\"content\":\"hm\",\"step\":2,\"taskId\":\"" + TASK + "\"}")));
        assertEquals(new Inbound.Thought(ID, 3, 1.7e12, TASK, 2, "hm"), t);
        var r = assertInstanceOf(Inbound.Response.class,
                ok(env("AGENT_RESPONSE", "{\"content\":\"yes\",\"durationMs\":12.5,\"taskId\":\"" + TASK + "\"}")));
        assertEquals(12.5, r.durationMs());
        assertInstanceOf(Inbound.Disconnect.class, ok(env("AGENT_DISCONNECT", "{}")));
        assertInstanceOf(Inbound.Disconnect.class, ok(env("AGENT_DISCONNECT", "null")));
    }

    @Test
    void pingAndPongNeedNoIdentityLikeTheSeed() {
        assertInstanceOf(Inbound.Ping.class, ok("{\"type\":\"PING\"}"));
        assertInstanceOf(Inbound.Pong.class, ok("{\"type\":\"PONG\",\"ts\":5}"));
    }

    @Test
    void integralFloatsCountAsIntegersLikeJavaScript() {
        var t = assertInstanceOf(Inbound.Thought.class,
                ok(env("AGENT_THOUGHT", "{\"content\":\"x\",\"step\":1.0,\"taskId\":\"" + TASK + "\"}")));
        assertEquals(1, t.step());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{oops                                   | malformed JSON",
        "[]                                      | message must be a JSON object",
        "42                                      | message must be a JSON object",
        "{}                                      | type: missing or not a string",
        "{\"type\":7}                            | type: missing or not a string",
        "{\"type\":\"HELLO\"}                    | type: unknown message type 'HELLO'",
        "{\"type\":\"ARENA_ACK\"}                | type: ARENA_ACK is sent by the arena only",
        "{\"type\":\"PEER_THOUGHT\"}             | type: PEER_THOUGHT is sent by the arena only",
        "{\"type\":\"GLOBAL_TASK\"}              | type: GLOBAL_TASK is sent by the arena only",
        "{\"type\":\"ARENA_ERROR\"}              | type: ARENA_ERROR is sent by the arena only",
        "{\"type\":\"PING\",\"type\":\"PONG\"}   | malformed JSON",
    })
    void structuralProblems(String frame, String expected) {
        assertTrue(reason(frame).startsWith(expected.strip()), reason(frame));
    }

    @Test
    void envelopeProblems() {
        String base = "{\"type\":\"AGENT_DISCONNECT\",\"agentId\":%s,\"seq\":%s,\"ts\":%s}";
        String id = "\"" + ID + "\"";
        assertEquals("AGENT_DISCONNECT: agentId: must be a UUID v4", reason(base.formatted("\"nope\"", 1, 1)));
        assertEquals("AGENT_DISCONNECT: agentId: missing or not a string", reason(base.formatted(5, 1, 1)));
        for (String seq : new String[] {"-1", "1.5", "\"1\"", "1e30", "null"}) {
            assertEquals("AGENT_DISCONNECT: seq: must be a non-negative integer", reason(base.formatted(id, seq, 1)), seq);
        }
        assertEquals("AGENT_DISCONNECT: ts: missing or not a number", reason(base.formatted(id, 1, "\"now\"")));
        assertInstanceOf(Inbound.Disconnect.class, ok(base.formatted(id, 0, 1.5)));
    }

    @Test
    void uuidMustBeVersionFour() {
        assertTrue(ProtocolParser.isUuidV4(UUID.randomUUID().toString()));
        assertTrue(!ProtocolParser.isUuidV4("6ba7b810-9dad-11d1-80b4-00c04fd430c8")); // v1
        assertTrue(!ProtocolParser.isUuidV4("00000000-0000-4000-c000-000000000000")); // bad variant
        assertTrue(!ProtocolParser.isUuidV4(null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "name     | 64 | 65",
        "color    | 32 | 33",
        "persona  | 64 | 65",
        "version  | 32 | 33",
    })
    void connectFieldLimits(String field, int max, int over) {
        String okFrame = connect(field, "a".repeat(max));
        assertInstanceOf(Inbound.Connect.class, ok(okFrame));
        assertEquals("AGENT_CONNECT: payload." + field + ": " + over + " characters exceeds the limit of " + max,
                reason(connect(field, "a".repeat(over))));
    }

    static String connect(String field, String value) {
        String p = "{\"name\":\"n\",\"color\":\"c\",\"persona\":\"p\",\"version\":\"v\"}"
                .replace("\"" + field + "\":\"" + field.charAt(0) + "\"", "\"" + field + "\":\"" + value + "\"");
        return env("AGENT_CONNECT", p);
    }

    @Test
    void connectNeedsEveryFieldAndANonBlankName() {
        assertEquals("AGENT_CONNECT: payload: missing or not an object", reason(env("AGENT_CONNECT", "[]")));
        assertEquals("AGENT_CONNECT: payload.color: missing or not a string",
                reason(env("AGENT_CONNECT", "{\"name\":\"n\",\"persona\":\"p\",\"version\":\"v\"}")));
        assertEquals("AGENT_CONNECT: payload.name: must not be blank", reason(connect("name", "  ")));
    }

    @Test
    void thoughtLimits() {
        String good = "{\"content\":\"" + "x".repeat(1024) + "\",\"step\":1,\"taskId\":\"" + TASK + "\"}";
        assertInstanceOf(Inbound.Thought.class, ok(env("AGENT_THOUGHT", good)));
        assertEquals("AGENT_THOUGHT: payload.content: 1025 characters exceeds the limit of 1024",
                reason(env("AGENT_THOUGHT", good.replace("\"content\":\"", "\"content\":\"y"))));
        assertEquals("AGENT_THOUGHT: payload.step: must be an integer >= 1",
                reason(env("AGENT_THOUGHT", "{\"content\":\"x\",\"step\":0,\"taskId\":\"" + TASK + "\"}")));
        assertEquals("AGENT_THOUGHT: payload.taskId: must be a UUID v4",
                reason(env("AGENT_THOUGHT", "{\"content\":\"x\",\"step\":1,\"taskId\":\"t\"}")));
        assertEquals("AGENT_THOUGHT: payload.taskId: missing or not a string",
                reason(env("AGENT_THOUGHT", "{\"content\":\"x\",\"step\":1}")));
    }

    @Test
    void responseLimits() {
        String ok = "{\"content\":\"" + "x".repeat(2048) + "\",\"durationMs\":0,\"taskId\":\"" + TASK + "\"}";
        assertInstanceOf(Inbound.Response.class, ok(env("AGENT_RESPONSE", ok)));
        assertEquals("AGENT_RESPONSE: payload.content: 2049 characters exceeds the limit of 2048",
                reason(env("AGENT_RESPONSE", ok.replace("\"content\":\"", "\"content\":\"y"))));
        assertEquals("AGENT_RESPONSE: payload.durationMs: must be >= 0",
                reason(env("AGENT_RESPONSE", "{\"content\":\"x\",\"durationMs\":-1,\"taskId\":\"" + TASK + "\"}")));
        assertEquals("AGENT_RESPONSE: payload.durationMs: missing or not a number",
                reason(env("AGENT_RESPONSE", "{\"content\":\"x\",\"taskId\":\"" + TASK + "\"}")));
    }

    @Test
    void framesAreMeasuredInUtf8Bytes() {
        assertEquals(8192, ProtocolParser.utf8Length("a".repeat(8192)));
        assertEquals(3, ProtocolParser.utf8Length("€"));
        assertEquals(4, ProtocolParser.utf8Length("😀"));
        assertEquals(2, ProtocolParser.utf8Length("é"));
        assertEquals(3, ProtocolParser.utf8Length("\uD800")); // lone surrogate
        String justOver = "{\"type\":\"PING\",\"pad\":\"" + "€".repeat(2725) + "\"}";
        assertTrue(ProtocolParser.utf8Length(justOver) > 8192);
        assertEquals("frame of " + ProtocolParser.utf8Length(justOver) + " bytes exceeds the 8192-byte limit",
                reason(justOver));
        String justUnder = "{\"type\":\"PING\",\"pad\":\"" + "a".repeat(8192 - 24) + "\"}";
        assertEquals(8192, ProtocolParser.utf8Length(justUnder));
        assertInstanceOf(Inbound.Ping.class, ok(justUnder));
    }

    @Test
    void aLongTaskDescriptionIsCutToItsFirst512CharactersAsTheSeedDid() {
        assertEquals("x".repeat(512), TaskDescription.cut("x".repeat(512)));
        assertEquals("x".repeat(512), TaskDescription.cut("x".repeat(512) + "tail"));
        // JavaScript's slice(0, 512) would keep half of the pair at 511–512; we stop before it
        assertEquals("x".repeat(511), TaskDescription.cut("x".repeat(511) + "🌍" + "tail"));
        assertEquals("x".repeat(510) + "🌍", TaskDescription.cut("x".repeat(510) + "🌍" + "tail"));
    }

    @Test
    void taskDescriptions() {
        assertTrue(TaskDescription.problem("x").isEmpty());
        assertTrue(TaskDescription.problem("x".repeat(512)).isEmpty());
        assertTrue(TaskDescription.problem("x".repeat(513)).isEmpty(), "the seed took longer ones and cut them");
        assertEquals("description: must not be blank", TaskDescription.problem(" \n").get());
        assertEquals("description: missing or not a string", TaskDescription.problem(null).get());
    }

    @Test
    void outboundFramesUseTheSeedEnvelope() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var ack = json.readTree(Outbound.ack(3, 4, "0.1.0", 99));
        assertEquals("ARENA_ACK", ack.path("type").asText());
        assertEquals(Outbound.ARENA_ID, ack.path("agentId").asText());
        assertEquals(0, ack.path("seq").asInt());
        assertEquals(99, ack.path("ts").asLong());
        assertEquals(3, ack.at("/payload/slot").asInt());
        assertEquals(4, ack.at("/payload/connectedPeers").asInt());
        var peer = json.readTree(Outbound.peerThought(ID, TASK, 2, "c", 1));
        assertEquals(ID, peer.at("/payload/sourceAgentId").asText());
        var task = Outbound.globalTask(7, TASK, "d", 5);
        assertEquals(7, json.readTree(task.json()).path("arenaSeq").asLong());
        var read = EventReader.read(task.json()).orElseThrow();
        assertEquals(task, read.event());
        assertTrue(EventReader.read("{\"type\":\"GLOBAL_TASK\",\"arenaSeq\":1").isEmpty());
        assertTrue(EventReader.read("{\"type\":\"NOPE\",\"arenaSeq\":1,\"agentId\":\"x\"}").isEmpty());
    }
}
