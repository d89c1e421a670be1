package dev.mowai.gateway.rest;

import static dev.mowai.gateway.rest.GatewayClient.await;
import static dev.mowai.gateway.rest.GatewayClient.chatBody;
import static dev.mowai.gateway.rest.GatewayClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.gateway.fake.FakeOllama;
import dev.mowai.gateway.fake.FakeOllamaResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** auto picks a reachable Ollama; a missing model is pulled at start-up when mowai.llm.pull-model is on. */
@QuarkusTest
@TestProfile(AutoSelectionTest.AutoWithPull.class)
class AutoSelectionTest {

    public static class AutoWithPull implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a long probe limit: on a loaded CI machine the 2 s default let auto fall back to echo (a wait, not a speed check)
            return Map.of("mowai.llm.backend", "auto", "mowai.llm.pull-model", "true", "mowai.llm.probe-timeout", "20s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeOllamaResource.class, Map.of("models", "")));
        }
    }

    FakeOllama ollama;
    @TestHTTPResource("/") URL url;

    @Test
    void autoChoosesOllamaAndPullsTheMissingModel() {
        GatewayClient client = new GatewayClient(url.getPort());
        assertEquals("mowai-ollama", json(client.get("/v1/models")).at("/data/0/owned_by").asText());
        await("the pull finished", () -> ollama.hasModel("phi3.5:latest"));
        await("ready once the model is there", () -> client.get("/q/health/ready").statusCode() == 200);
        var r = client.post("a", chatBody("after the pull", false));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(json(r).at("/choices/0/message/content").asText().contains("after the pull"));
    }
}
