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
    static final long NOW = 1_700_000_000_000L;
    final CallerSignature signatures = new CallerSignature(Optional.of(KEY), 60_000);

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
        assertInstanceOf(CallerSignature.Verdict.Unsigned.class, new CallerSignature(Optional.empty(), 60_000)
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
    void shortKeysAreRefusedAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CallerSignature(Optional.of("short"), 1000));
        assertTrue(e.getMessage().startsWith("mowai.gateway.key: at least 16 characters"), e.getMessage());
    }

    private String refusal(String signature) {
        return assertInstanceOf(CallerSignature.Verdict.Refused.class, signatures.check("a1", signature, NOW)).problem();
    }
}
