package dev.mowai.runner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BodyLimitsTest {
    private final BodyLimits limits = new BodyLimits(1000);

    @Test
    void anUploadMayCarryAComponentASkillAndFormFields() {
        assertEquals(1000 + 32_000 + 65_536, limits.maxBytes(BodyLimits.Route.UPLOAD));
        assertEquals(1000 + 65_536, limits.maxBytes(BodyLimits.Route.HOT_SWAP));
        assertEquals(Optional.empty(), limits.refusal(BodyLimits.Route.UPLOAD, String.valueOf(1000 + 32_000 + 65_536)));
        assertEquals(Optional.empty(), limits.refusal(BodyLimits.Route.HOT_SWAP, " 66536 "));
    }

    @Test
    void aLargerDeclaredBodyIsRefusedNamingTheLimits() {
        String upload = limits.refusal(BodyLimits.Route.UPLOAD, "98537").orElseThrow();
        assertTrue(upload.contains("declares 98537 bytes (Content-Length), above the limit of 98536 for an upload"), upload);
        assertTrue(upload.contains("at most 1000 bytes (mowai.limits.max-component-bytes), a SKILL.md of at most 8000 characters"), upload);
        String swap = limits.refusal(BodyLimits.Route.HOT_SWAP, "66537").orElseThrow();
        assertTrue(swap.contains("above the limit of 66536 for a hot swap"), swap);
        assertTrue(!swap.contains("SKILL.md"), swap);
    }

    @Test
    void noDeclaredLengthIsLeftToTheServersLimitAndGarbageIsRefused() {
        assertEquals(Optional.empty(), limits.refusal(BodyLimits.Route.UPLOAD, null));
        assertTrue(limits.refusal(BodyLimits.Route.UPLOAD, "12ab").orElseThrow().contains("'12ab' is not a number"));
    }
}
