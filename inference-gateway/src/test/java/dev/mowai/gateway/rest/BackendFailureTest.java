package dev.mowai.gateway.rest;

import static dev.mowai.gateway.rest.GatewayClient.await;
import static dev.mowai.gateway.rest.GatewayClient.chatBody;
import static dev.mowai.gateway.rest.GatewayClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mowai.gateway.service.BackendInvoker;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(OllamaProfile.class)
class BackendFailureTest extends OllamaGatewayTestBase {

    @Inject CircuitBreakerMaintenance breakers;

    @BeforeEach
    void closeTheBreaker() {
        breakers.resetAll();
    }

    @AfterEach
    void closeTheBreakerAgain() {
        breakers.resetAll();
    }

    @Test
    void ollamaErrorIsAClear502() {
        ollama.failWith(500);
        HttpResponse<String> r = client.post("a", chatBody("hi", false));
        assertEquals(502, r.statusCode(), r.body());
        JsonNode err = json(r).path("error");
        assertEquals("backend_error", err.path("code").asText());
        assertTrue(err.path("message").asText().contains("HTTP 500"), err.toString());
        assertTrue(err.path("message").asText().contains("fake failure 500"), "Ollama's own words are passed on: " + err);
    }

    @Test
    void missingModelSaysHowToFixIt() {
        ollama.setModels(List.of());
        HttpResponse<String> r = client.post("a", chatBody("hi", false));
        assertEquals(503, r.statusCode(), r.body());
        JsonNode err = json(r).path("error");
        assertEquals("model_not_found", err.path("code").asText());
        assertTrue(err.path("message").asText().contains("ollama pull phi3.5"), err.toString());
    }

    @Test
    void ollamaDownOpensTheBreakerAndRecoveryClosesIt() {
        ollama.stop();
        HttpResponse<String> first = client.post("a", chatBody("anyone?", false));
        assertEquals(503, first.statusCode(), first.body());
        assertEquals("backend_unavailable", json(first).at("/error/code").asText());
        assertTrue(json(first).at("/error/message").asText().contains("not reachable"), first.body());
        for (int i = 0; i < 3; i++) client.post("a", chatBody("anyone?", false));
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(BackendInvoker.BREAKER));
        HttpResponse<String> open = client.post("a", chatBody("anyone?", false));
        assertEquals(503, open.statusCode());
        assertEquals("backend_circuit_open", json(open).at("/error/code").asText());
        assertTrue(open.headers().firstValue("Retry-After").isPresent());
        HttpResponse<String> ready = client.get("/q/health/ready");
        assertEquals(503, ready.statusCode());
        assertTrue(ready.body().contains("OPEN"), ready.body());

        try {
            ollama.start();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        // After the breaker's delay a trial call goes through and closes it again.
        await("the gateway answers again", () -> client.post("a", chatBody("back?", false)).statusCode() == 200);
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(BackendInvoker.BREAKER));
        assertEquals(200, client.get("/q/health/ready").statusCode());
    }

    @Test
    void streamingFailureBeforeTheFirstTokenIsAPlainJsonError() {
        ollama.failWith(503);
        HttpResponse<String> r = client.post("a", chatBody("hi", true));
        assertEquals(502, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("backend_error", json(r).at("/error/code").asText());
    }
}
