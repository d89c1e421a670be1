package dev.mowai.gateway.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mowai.gateway.protocol.InvalidRequestException;
import dev.mowai.gateway.rest.GatewayClient;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallerIdentificationTest {

    static final String KEY = "a-key-of-sixteen-or-more";
    static final long NOW = 1_700_000_000_000L;
    final CallerIdentification callers = new CallerIdentification(new CallerSignature(Optional.of(KEY), Optional.empty(), 60_000), 8);

    @Test
    void agentIdHeader() {
        assertEquals(CallerIdentification.ANONYMOUS_AGENT, callers.agentId(null));
        assertEquals(CallerIdentification.ANONYMOUS_AGENT, callers.agentId("  "));
        assertEquals("bot-1", callers.agentId(" bot-1 "));
        assertEquals("a.b:c@d_", callers.agentId("a.b:c@d_"));
        InvalidRequestException tooLong = assertThrows(InvalidRequestException.class, () -> callers.agentId("x".repeat(9)));
        assertEquals("X-Mowai-Agent: at most 8 characters (got 9)", tooLong.getMessage());
        assertEquals(CallerIdentification.AGENT_HEADER, assertThrows(InvalidRequestException.class, () -> callers.agentId("a b")).field());
        assertThrows(InvalidRequestException.class, () -> callers.agentId("ä"));
        assertThrows(InvalidRequestException.class, () -> callers.agentId("a\nb"));
    }

    @Test
    void onlyAProvenAgentGetsItsOwnQueue() {
        assertEquals("bot-1", callers.queueOf("bot-1", GatewayClient.signature(KEY, "bot-1", NOW), NOW));
        assertEquals(CallerIdentification.ANONYMOUS_AGENT, callers.queueOf("bot-1", null, NOW), "named, not proven");
        assertEquals(CallerIdentification.ANONYMOUS_AGENT, callers.queueOf(null, GatewayClient.signature(KEY, "bot-1", NOW), NOW),
                "a signature of nobody");
    }

    @Test
    void aSignatureThatDoesNotHoldIsRefusedNamingTheHeader() {
        CallerRefusedException e = assertThrows(CallerRefusedException.class,
                () -> callers.queueOf("bot-1", GatewayClient.signature(KEY, "bot-2", NOW), NOW));
        assertEquals("X-Mowai-Agent-Signature: does not sign X-Mowai-Agent bot-1 (another mowai.gateway.key?)", e.getMessage());
        assertThrows(InvalidRequestException.class, () -> callers.queueOf("a b", GatewayClient.signature(KEY, "a b", NOW), NOW),
                "the header is checked before the signature");
    }
}
