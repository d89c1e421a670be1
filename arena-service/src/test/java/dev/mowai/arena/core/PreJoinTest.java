package dev.mowai.arena.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.mowai.arena.protocol.ProtocolParser;
import org.junit.jupiter.api.Test;

class PreJoinTest {

    static final String PING = "{\"type\":\"PING\",\"ts\":1}";
    static final String PONG = "{\"type\":\"PONG\",\"ts\":1}";

    @Test
    void pingsArePongedWithinTheBurstThenTheSocketIsRefused() {
        PreJoin door = PreJoin.opened(3, 0);
        for (int i = 0; i < 3; i++) {
            door = assertInstanceOf(PreJoin.Verdict.Pong.class, door.frame(ProtocolParser.parse(PING), 0, 1, 3)).next();
        }
        PreJoin.Verdict.Refuse no = assertInstanceOf(PreJoin.Verdict.Refuse.class, door.frame(ProtocolParser.parse(PING), 0, 1, 3));
        assertEquals("too many frames before AGENT_CONNECT (burst 3, then 1/s)", no.reason());
    }

    @Test
    void theRateRefills() {
        PreJoin door = PreJoin.opened(1, 0);
        door = assertInstanceOf(PreJoin.Verdict.Quiet.class, door.frame(ProtocolParser.parse(PONG), 0, 0.5, 1)).next();
        assertInstanceOf(PreJoin.Verdict.Refuse.class, door.frame(ProtocolParser.parse(PONG), 1000, 0.5, 1));
        assertInstanceOf(PreJoin.Verdict.Quiet.class, door.frame(ProtocolParser.parse(PONG), 2000, 0.5, 1));
    }

    @Test
    void everythingElseGoesToTheRelay() {
        PreJoin door = PreJoin.opened(2, 0);
        assertInstanceOf(PreJoin.Verdict.Forward.class, door.frame(ProtocolParser.parse("{\"type\":\"AGENT_CONNECT\"}"), 0, 1, 2));
        assertInstanceOf(PreJoin.Verdict.Forward.class, door.frame(ProtocolParser.parse("not json"), 0, 1, 2));
    }
}
