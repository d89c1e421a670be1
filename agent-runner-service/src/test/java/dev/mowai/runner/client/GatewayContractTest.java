package dev.mowai.runner.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mowai.runner.fixtures.Contract;
import dev.mowai.runner.protocol.ServiceKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The runner names and signs its agents to the gateway as contracts/services.json says. */
class GatewayContractTest {

    static final JsonNode GATEWAY = Contract.JSON.path("gateway");

    @Test
    void theHeadersAreTheGateways() {
        assertEquals(GATEWAY.path("agentHeader").asText(), GatewayApi.AGENT_HEADER);
        assertEquals(GATEWAY.path("signatureHeader").asText(), GatewayApi.SIGNATURE_HEADER);
    }

    @Test
    void theSignatureIsWhatTheGatewayRecomputes() throws Exception {
        String key = "s".repeat(Contract.minKeyChars());
        long now = 1_700_000_000_000L;
        String message = GATEWAY.path("signedMessage").asText().replace("{agentId}", "a1").replace("{unixMs}", Long.toString(now));
        String expected = GATEWAY.path("signature").asText().replace("{unixMs}", Long.toString(now))
                .replace("{hmac}", Contract.hmac(key, message));

        assertEquals(expected, GatewayCaller.signature(ServiceKey.of("mowai.gateway-key", Optional.of(key)).orElseThrow(), "a1", now));
    }

    @Test
    void aDefaultPromptFitsTheGatewaysMessageAndAnAgentIdItsHeader() throws Exception {
        int prompt = Contract.limitDefault("promptMaxChars");
        assertTrue(prompt <= GATEWAY.path("messageChars").asInt(), "mowai.limits.prompt-max-chars " + prompt);
        assertTrue("0f8fad5b-d9cb-469f-a165-70867728950e".length() <= GATEWAY.path("agentIdChars").asInt(),
                "the runner's agent ids (UUIDs) fit X-Mowai-Agent");
    }
}
