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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, "gateway queues by a header anyone can set": only a signed X-Mowai-Agent gets that agent's queue
 * (LimitsProfile: one backend slot, 2 waiting per agent, 3 in total). Unsigned callers share one queue.
 */
@QuarkusTest
@TestProfile(LimitsProfile.class)
class CallerIdentityTest extends OllamaGatewayTestBase {

    @Test
    void callersPosingAsAnAgentWithoutItsSignatureCannotFillItsQueue() {
        ollama.hold();
        String victim = UUID.randomUUID().toString();
        CompletableFuture<HttpResponse<String>> running = client.postAsync(victim, chatBody("mine", false));
        await("the victim's call runs", () -> scheduler.snapshot().running() == 1);
        List<CompletableFuture<HttpResponse<String>>> posers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            posers.add(client.postAsync(victim, null, chatBody("posing " + i, false)));
        }
        await("the posers wait in the unsigned queue", () -> scheduler.snapshot().queued() == 2);
        HttpResponse<String> third = client.postAsync(victim, null, chatBody("posing 3", false)).join();
        assertEquals(429, third.statusCode(), third.body());
        assertTrue(json(third).at("/error/message").asText().startsWith("the unsigned queue"), third.body());

        CompletableFuture<HttpResponse<String>> own = client.postAsync(victim, chatBody("mine too", false));
        await("the victim's own call still gets in line", () ->
                Integer.valueOf(1).equals(scheduler.snapshot().queuedByAgent().get(victim)));
        assertEquals(Set.of("anonymous", victim), scheduler.snapshot().queuedByAgent().keySet());
        ollama.open();
        assertEquals(200, running.join().statusCode());
        assertEquals(200, own.join().statusCode(), "the victim is served");
        posers.forEach(CompletableFuture::join);
    }

    @Test
    void madeUpIdsWithoutSignaturesGetOneQueueNotOneEach() {
        ollama.hold();
        CompletableFuture<HttpResponse<String>> running = client.postAsync("runner-agent", chatBody("runs", false));
        await("one call runs", () -> scheduler.snapshot().running() == 1);
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            waiting.add(client.postAsync("made-up-" + i, null, chatBody("turn " + i, false)));
        }
        await("two wait", () -> scheduler.snapshot().queued() == 2);
        HttpResponse<String> refused = client.postAsync("made-up-2", null, chatBody("turn 2", false)).join();
        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals(Set.of("anonymous"), scheduler.snapshot().queuedByAgent().keySet());
        ollama.open();
        running.join();
        waiting.forEach(CompletableFuture::join);
    }

    @Test
    void aSignatureThatDoesNotHoldIsRefusedAndNamesTheHeader() {
        String agent = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        record Case(String signature, String problem) {
        }
        for (Case c : List.of(
                new Case(GatewayClient.signature("someone-elses-key-16+", agent, now), "does not sign X-Mowai-Agent " + agent),
                new Case(GatewayClient.signature(GatewayClient.KEY, "another-agent", now), "does not sign X-Mowai-Agent"),
                new Case(GatewayClient.signature(GatewayClient.KEY, agent, now - 600_000), "away from the gateway's clock"),
                new Case("yesterday.%%%", "must be <unix ms>.<base64url HMAC-SHA256>"))) {
            HttpResponse<String> r = client.postAsync(agent, c.signature(), chatBody("hi", false)).join();
            assertEquals(401, r.statusCode(), r.body());
            JsonNode err = json(r).path("error");
            assertEquals("X-Mowai-Agent-Signature", err.path("param").asText());
            assertEquals("invalid_signature", err.path("code").asText());
            assertTrue(err.path("message").asText().contains(c.problem()), r.body());
        }
        assertEquals(200, client.post(agent, chatBody("signed", false)).statusCode(), "the signed caller is served");
    }

    @Test
    void theArenaProvedByItsOwnKeyGetsOneQueueUnderTheSameLimits() {
        ollama.hold();
        CompletableFuture<HttpResponse<String>> running = client.postAsync("runner-agent", chatBody("runs", false));
        await("one call runs", () -> scheduler.snapshot().running() == 1);
        List<CompletableFuture<HttpResponse<String>>> arena = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            arena.add(client.postAsync("arena", GatewayClient.signature(GatewayClient.ARENA_KEY, "arena",
                    System.currentTimeMillis()), chatBody("synthesis " + i, false)));
        }
        await("the arena waits in a queue of its own", () ->
                Integer.valueOf(2).equals(scheduler.snapshot().queuedByAgent().get("arena")));
        HttpResponse<String> third = client.postAsync("arena", GatewayClient.signature(GatewayClient.ARENA_KEY, "arena",
                System.currentTimeMillis()), chatBody("synthesis 2", false)).join();
        assertEquals(429, third.statusCode(), "the per-caller queue limit holds for the arena too: " + third.body());
        // The runners' key does not make anyone the arena.
        HttpResponse<String> poser = client.postAsync("arena", GatewayClient.signature(GatewayClient.KEY, "arena",
                System.currentTimeMillis()), chatBody("posing", false)).join();
        assertEquals(401, poser.statusCode(), poser.body());
        assertTrue(json(poser).at("/error/message").asText().contains("mowai.gateway.arena-key"), poser.body());
        ollama.open();
        assertEquals(200, running.join().statusCode());
        arena.forEach(a -> assertEquals(200, a.join().statusCode()));
    }
}
