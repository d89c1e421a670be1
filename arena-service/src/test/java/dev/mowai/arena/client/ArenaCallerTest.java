package dev.mowai.arena.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The arena signs as the contract (contracts/services.json) says the gateway checks. */
class ArenaCallerTest {

    static JsonNode gateway() throws Exception {
        return new ObjectMapper().readTree(Path.of("..", "contracts", "services.json").toFile()).path("gateway");
    }

    @Test
    void theSignatureIsTheContractsRecipeForTheArenaCaller() throws Exception {
        JsonNode contract = gateway();
        assertEquals(contract.path("arenaCaller").asText(), ArenaCaller.ID);
        assertEquals(contract.path("agentHeader").asText(), GatewayApi.AGENT_HEADER);
        assertEquals(contract.path("signatureHeader").asText(), GatewayApi.SIGNATURE_HEADER);
        String key = "k".repeat(ArenaCaller.MIN_KEY_CHARS);
        long now = 1_700_000_000_000L;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String message = contract.path("signedMessage").asText().replace("{agentId}", "arena").replace("{unixMs}", Long.toString(now));
        String expected = contract.path("signature").asText().replace("{unixMs}", Long.toString(now)).replace("{hmac}",
                Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8))));
        assertEquals(expected, ArenaCaller.of(Optional.of(key)).signature(now));
        assertTrue(ArenaCaller.of(Optional.of(key)).signs());
    }

    @Test
    void withoutAKeyNothingIsSignedAndShortKeysAreRefused() throws Exception {
        assertNull(ArenaCaller.of(Optional.of("  ")).signature(1));
        assertFalse(ArenaCaller.of(Optional.empty()).signs());
        assertEquals(new ObjectMapper().readTree(Path.of("..", "contracts", "services.json").toFile())
                .at("/sharedKeys/minChars").asInt(), ArenaCaller.MIN_KEY_CHARS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArenaCaller.of(Optional.of("short")));
        assertTrue(e.getMessage().startsWith("mowai.gateway-arena-key: at least 16 characters"), e.getMessage());
    }

    @Test
    void theShippedModeratorPersonaIsOnTheClasspath() {
        assertTrue(ModeratorPersona.load().startsWith("You are the Moderator"), ModeratorPersona.load());
    }

    @Test
    void thePersonaIsTheSkillBodyWithoutFrontMatter() {
        assertEquals("Body.", ModeratorPersona.body("---\nname: moderator\n---\nBody.\n"));
        assertThrows(IllegalArgumentException.class, () -> ModeratorPersona.body("---\nname: x\nBody"));
    }
}
