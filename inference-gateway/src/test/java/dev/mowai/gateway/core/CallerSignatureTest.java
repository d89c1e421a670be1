package dev.mowai.gateway.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.gateway.rest.GatewayClient;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallerSignatureTest {

    static final String KEY = "a-key-of-sixteen-or-more";
    static final String ARENA_KEY = "the-arenas-own-key-of-16+";
    static final long NOW = 1_700_000_000_000L;
    final CallerSignature signatures = new CallerSignature(Optional.of(KEY), Optional.of(ARENA_KEY), 60_000);

    @Test
    void aFreshSignatureOfTheNamedAgentProvesIt() {
        assertEquals(new CallerSignature.Verdict.Signed("a1"),
                signatures.check("a1", GatewayClient.signature(KEY, "a1", NOW - 59_000), NOW));
    }

    @Test
    void noSignatureNoAgentOrNoKeyMeanTheUnsignedQueue() {
        assertInstanceOf(CallerSignature.Verdict.Unsigned.class, signatures.check("a1", null, NOW));
        assertInstanceOf(CallerSignature.Verdict.Unsigned.class, signatures.check("a1", " ", NOW));
        assertInstanceOf(CallerSignature.Verdict.Unsigned.class,
                signatures.check(null, GatewayClient.signature(KEY, "a1", NOW), NOW));
        assertInstanceOf(CallerSignature.Verdict.Unsigned.class, new CallerSignature(Optional.empty(), Optional.empty(), 60_000)
                .check("a1", GatewayClient.signature(KEY, "a1", NOW), NOW));
    }

    @Test
    void staleForgedOrMalformedSignaturesAreRefused() {
        assertTrue(refusal(GatewayClient.signature(KEY, "a1", NOW + 61_000)).contains("61000 ms away"));
        assertTrue(refusal(GatewayClient.signature("another-key-of-16-chars", "a1", NOW)).contains("does not sign"));
        assertTrue(refusal(GatewayClient.signature(KEY, "a2", NOW)).contains("does not sign"));
        for (String bad : new String[] {"nodot", ".abc", "12.%%", "x.abc"}) {
            assertEquals("must be <unix ms>.<base64url HMAC-SHA256>", refusal(bad), bad);
        }
    }

    @Test
    void theArenaKeySignsTheArenaAndNothingElse() {
        assertEquals(new CallerSignature.Verdict.Signed("arena"),
                signatures.check("arena", GatewayClient.signature(ARENA_KEY, "arena", NOW), NOW));
        // A runner cannot pose as the arena, nor the arena as an agent.
        String asArena = assertInstanceOf(CallerSignature.Verdict.Refused.class,
                signatures.check("arena", GatewayClient.signature(KEY, "arena", NOW), NOW)).problem();
        assertTrue(asArena.contains("another mowai.gateway.arena-key"), asArena);
        assertInstanceOf(CallerSignature.Verdict.Refused.class,
                signatures.check("a1", GatewayClient.signature(ARENA_KEY, "a1", NOW), NOW));
        assertTrue(assertInstanceOf(CallerSignature.Verdict.Refused.class, signatures.check("arena",
                GatewayClient.signature(ARENA_KEY, "arena", NOW - 61_000), NOW)).problem().contains("61000 ms away"));
        // Without an arena key the arena is unproven, whatever it sends: the unsigned queue.
        assertInstanceOf(CallerSignature.Verdict.Unsigned.class, new CallerSignature(Optional.of(KEY), Optional.empty(), 60_000)
                .check("arena", GatewayClient.signature(KEY, "arena", NOW), NOW));
    }

    @Test
    void theArenaKeyMustBeLongAndNotTheRunnersKey() {
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> new CallerSignature(Optional.of(KEY), Optional.of("short"), 1000));
        assertTrue(shortKey.getMessage().startsWith("mowai.gateway.arena-key: at least 16 characters"), shortKey.getMessage());
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
                () -> new CallerSignature(Optional.of(KEY), Optional.of(" " + KEY), 1000));
        assertEquals("mowai.gateway.arena-key must differ from mowai.gateway.key", same.getMessage());
    }

    @Test
    void shortKeysAreRefusedAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CallerSignature(Optional.of("short"), Optional.empty(), 1000));
        assertTrue(e.getMessage().startsWith("mowai.gateway.key: at least 16 characters"), e.getMessage());
    }

    private String refusal(String signature) {
        return assertInstanceOf(CallerSignature.Verdict.Refused.class, signatures.check("a1", signature, NOW)).problem();
    }
}
