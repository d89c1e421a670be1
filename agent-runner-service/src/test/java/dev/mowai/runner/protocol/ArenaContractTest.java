package dev.mowai.runner.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.runner.fixtures.Contract;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The runner's frames fit the arena's wire limits and sign AGENT_CONNECT as contracts/services.json says. */
class ArenaContractTest {

    static final JsonNode WIRE = Contract.JSON.at("/arena/wire");

    @Test
    void theWireLimitsAreTheArenas() throws Exception {
        Map.of("nameChars", ArenaWire.NAME_MAX, "colorChars", ArenaWire.COLOR_MAX, "personaChars", ArenaWire.PERSONA_MAX,
                "versionChars", ArenaWire.VERSION_MAX, "thoughtChars", ArenaWire.THOUGHT_MAX,
                "responseChars", ArenaWire.RESPONSE_MAX, "taskChars", ArenaWire.TASK_MAX, "frameBytes", ArenaWire.FRAME_MAX_BYTES)
                .forEach((name, value) -> assertEquals(WIRE.path(name).asInt(-1), value, "arena.wire." + name));
        assertEquals(WIRE.path("thoughtChars").asInt(), Contract.limitDefault("thoughtMaxChars"), "mowai.limits.thought-max-chars");
        assertEquals(WIRE.path("responseChars").asInt(), Contract.limitDefault("responseMaxChars"), "mowai.limits.response-max-chars");
    }

    @Test
    void agentConnectCarriesTheCredentialTheArenaRecomputes() throws Exception {
        String key = "r".repeat(Contract.minKeyChars());
        String agentId = "0f8fad5b-d9cb-469f-a165-70867728950e";
        long ts = 1_700_000_000_000L;
        JsonNode frame = new ObjectMapper().readTree(ArenaWire.connect(agentId, 1, ts, "Ada", "#ff8800", "contrarian", "1.0.0",
                ServiceKey.of("mowai.agent-key", Optional.of(key))));
        String message = Contract.JSON.at("/arena/connectCredential").asText()
                .replace("{agentId}", agentId).replace("{ts}", Long.toString(ts));

        String credential = frame.at("/payload/credential").asText();
        assertEquals(Contract.hmac(key, message), credential, message);
        assertTrue(credential.length() <= WIRE.path("credentialChars").asInt(), credential);
    }

    @Test
    void keysShorterThanTheServicesAcceptAreRefused() {
        int min = Contract.minKeyChars();
        assertEquals(min, ServiceKey.MIN_CHARS);
        assertThrows(IllegalArgumentException.class, () -> ServiceKey.of("mowai.agent-key", Optional.of("r".repeat(min - 1))));
    }
}
