package dev.mowai.arena.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.arena.core.ConnectProof;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The arena keeps the contract it shares with the runner (contracts/services.json at the repository's root). */
class ContractTest {

    static final Path CONTRACT = Path.of("..", "contracts", "services.json");

    static JsonNode contract(String pointer) throws java.io.IOException {
        return new ObjectMapper().readTree(CONTRACT.toFile()).at(pointer);
    }

    @Test
    void theWireLimitsAreTheContracts() throws Exception {
        JsonNode wire = contract("/arena/wire");
        Map<String, Long> arena = Map.of("nameChars", (long) Limits.NAME, "colorChars", (long) Limits.COLOR,
                "personaChars", (long) Limits.PERSONA, "versionChars", (long) Limits.VERSION,
                "thoughtChars", (long) Limits.THOUGHT, "responseChars", (long) Limits.RESPONSE,
                "taskChars", (long) Limits.TASK_DESCRIPTION, "credentialChars", (long) Limits.CREDENTIAL,
                "frameBytes", (long) Limits.FRAME_BYTES, "clockSkewMs", Limits.CLOCK_SKEW_MS);
        assertEquals(wire.size(), arena.size(), "the contract's arena.wire has limits the arena does not check");
        arena.forEach((name, value) -> assertEquals(wire.path(name).asLong(-1), value, "arena.wire." + name));
    }

    @Test
    void aCredentialSignedAsTheContractSaysProvesTheAgent() throws Exception {
        String key = "k".repeat(contract("/sharedKeys/minChars").asInt());
        String agentId = "0a1b2c3d-0000-4000-8000-000000000000";
        long ts = 1_700_000_000_000L;
        String message = contract("/arena/connectCredential").asText()
                .replace("{agentId}", agentId).replace("{ts}", Long.toString(ts));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String credential = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));

        ConnectProof proof = ConnectProof.of(Optional.of(key));
        assertTrue(proof.proves(agentId, ts, credential), message);
        assertFalse(proof.proves(agentId, ts + 1, credential), "the ts is part of the message");
        assertTrue(credential.length() <= Limits.CREDENTIAL, credential);
    }

    @Test
    void keysShorterThanTheContractsAreRefused() throws Exception {
        int min = contract("/sharedKeys/minChars").asInt();
        assertEquals(min, ConnectProof.MIN_KEY_CHARS);
        assertThrows(IllegalArgumentException.class, () -> ConnectProof.of(Optional.of("k".repeat(min - 1))));
    }
}
