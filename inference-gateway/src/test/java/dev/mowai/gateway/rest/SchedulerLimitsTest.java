package dev.mowai.gateway.rest;

import static dev.mowai.gateway.rest.GatewayClient.await;
import static dev.mowai.gateway.rest.GatewayClient.chatBody;
import static dev.mowai.gateway.rest.GatewayClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(LimitsProfile.class)
class SchedulerLimitsTest extends OllamaGatewayTestBase {

    @Test
    void agentBeyondItsQueueCapGets429WithRetryAfterOthersStillQueue() {
        ollama.hold();
        CompletableFuture<HttpResponse<String>> running = client.postAsync("hog", chatBody("1", false));
        await("first runs", () -> scheduler.snapshot().running() == 1);
        CompletableFuture<HttpResponse<String>> q1 = client.postAsync("hog", chatBody("2", false));
        CompletableFuture<HttpResponse<String>> q2 = client.postAsync("hog", chatBody("3", false));
        await("two wait", () -> scheduler.snapshot().queued() == 2);
        HttpResponse<String> refused = client.post("hog", chatBody("4", false));
        assertEquals(429, refused.statusCode(), refused.body());
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After within the queue timeout: " + retryAfter);
        JsonNode err = json(refused).path("error");
        assertEquals("agent_queue_full", err.path("code").asText());
        assertEquals("rate_limit_error", err.path("type").asText());
        assertTrue(err.path("message").asText().contains("mowai.scheduler.max-queued-per-agent=2"), err.toString());

        CompletableFuture<HttpResponse<String>> other = client.postAsync("polite", chatBody("5", false));
        await("another agent still gets in line", () -> scheduler.snapshot().queued() == 3);
        HttpResponse<String> full = client.post("third", chatBody("6", false));
        assertEquals(503, full.statusCode(), full.body());
        assertEquals("gateway_queue_full", json(full).at("/error/code").asText());
        assertTrue(full.headers().firstValue("Retry-After").isPresent());
        ollama.open();
        for (var f : new CompletableFuture[] {running, q1, q2, other}) {
            @SuppressWarnings("unchecked") HttpResponse<String> r = ((CompletableFuture<HttpResponse<String>>) f).join();
            assertTrue(r.statusCode() == 200 || r.statusCode() == 503, r.body()); // 503 if it waited past the 3 s queue timeout
        }
    }

    @Test
    void waitingPastTheQueueTimeoutGives503() {
        ollama.hold();
        CompletableFuture<HttpResponse<String>> running = client.postAsync("a", chatBody("slow", false));
        await("first runs", () -> scheduler.snapshot().running() == 1);
        HttpResponse<String> waited = client.post("b", chatBody("waits", false));
        assertEquals(503, waited.statusCode(), waited.body());
        JsonNode err = json(waited).path("error");
        assertEquals("queue_timeout", err.path("code").asText());
        assertTrue(err.path("message").asText().contains("mowai.scheduler.queue-timeout"), err.toString());
        assertTrue(waited.headers().firstValue("Retry-After").isPresent());
        assertTrue(ollama.chatRequests().stream().noneMatch(r -> r.toString().contains("waits")), "a timed-out request never reaches Ollama");
        ollama.open();
        running.join();
    }

    @Test
    void backendCallPastTheRequestTimeoutGives504AndIsAbortedAtOllama() {
        ollama.hold();
        HttpResponse<String> r = client.post("a", chatBody("never answered", false));
        assertEquals(504, r.statusCode(), r.body());
        JsonNode err = json(r).path("error");
        assertEquals("request_timeout", err.path("code").asText());
        assertTrue(err.path("message").asText().contains("5000 ms"), err.toString());
        // The gateway closed its connection to Ollama, which stops generating: the slot is free at once,
        // so the next call reaches Ollama although the gate never let the first reply out.
        await("Ollama saw the connection close", () -> ollama.abortedCalls() == 1);
        CompletableFuture<HttpResponse<String>> next = client.postAsync("b", chatBody("next", false));
        await("the next call reached Ollama", () -> ollama.chatRequests().stream().anyMatch(q -> q.toString().contains("\"next\"")));
        ollama.open();
        assertEquals(200, next.join().statusCode());
    }

    @Test
    void streamingCallPastTheRequestTimeoutIsCutInBand() {
        ollama.hold();
        HttpResponse<String> r = client.post("a", chatBody("endless story", true));
        assertEquals(200, r.statusCode(), "headers went out with the first token");
        assertTrue(r.body().contains("\"code\":\"request_timeout\""), r.body());
        assertTrue(!r.body().contains("[DONE]"), "an interrupted stream does not claim to be complete");
        await("a cancelled stream frees its slot at once", () -> scheduler.snapshot().running() == 0);
    }
}
