package dev.mowai.arena.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mowai.arena.SeedClient;
import dev.mowai.arena.TempDataDir;
import dev.mowai.arena.client.FakeGateway;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: without a synthesiser agent the arena asks the gateway (a fake one on a real socket that checks
 * the arena's signature as the gateway does) in the moderator persona, and records the conclusion with the
 * verdict; when the gateway refuses or is too slow the session still ends, and the transcript says why.
 */
@QuarkusTest
@WithTestResource(TempDataDir.class)
@WithTestResource(FakeGateway.class)
class SessionModeratorTest {

    private static final String RUN = " " + UUID.randomUUID();

    @TestHTTPResource("/")
    URI root;

    FakeGateway gateway;

    private URI ws() {
        return URI.create("ws://" + root.getHost() + ":" + root.getPort() + "/ws");
    }

    /** A one-round session Ada and Bob answer; returns its id once the round is closed. */
    private String answeredSession(SeedClient ada, SeedClient bob, String task, String synthesiser) {
        String id = given().header("X-Admin-Secret", "test-secret").contentType("application/json")
                .body("{\"task\":\"" + task + RUN + "\",\"rounds\":1,\"roundTimeoutSeconds\":60"
                        + (synthesiser == null ? "" : ",\"synthesiser\":\"" + synthesiser + "\"") + "}")
                .post("/sessions").then().statusCode(201).extract().path("sessionId");
        for (SeedClient c : new SeedClient[] {ada, bob}) {
            JsonNode t = c.await(n -> "GLOBAL_TASK".equals(n.path("type").asText())
                    && n.path("payload").path("description").asText().contains(task + RUN), "round 1 of " + task);
            c.respond(t.path("payload").path("taskId").asText(), c == ada
                    ? "POSITION: spaces\nBecause diffs align everywhere." : "POSITION: tabs\nBecause width is a preference.", 5);
        }
        return id;
    }

    private static JsonNode done(String id) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode s = null;
        while (System.nanoTime() < deadline) {
            s = SeedClient.JSON.valueToTree(given().get("/sessions/" + id).then().extract().as(Object.class));
            if ("DONE".equals(s.path("state").asText())) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("session " + id + " did not end: " + s);
    }

    @Test
    void theGatewayModeratorWritesTheConclusionAsTheProvenArenaCaller() throws Exception {
        gateway.reply("Ada holds spaces, Bob tabs; no majority, and width preference is the open question.");
        int before = gateway.calls.size();
        try (SeedClient ada = SeedClient.join(ws(), "Ada"); SeedClient bob = SeedClient.join(ws(), "Bob")) {
            String id = answeredSession(ada, bob, "Tabs or spaces?", null);
            JsonNode s = done(id);
            assertEquals("moderator", s.at("/synthesis/name").asText(), s.toString());
            assertEquals("Ada holds spaces, Bob tabs; no majority, and width preference is the open question.",
                    s.at("/synthesis/text").asText());
            assertEquals(2, s.at("/verdict/answered").asInt(), "the verdict is recorded with it");

            FakeGateway.Call call = gateway.calls.get(before);
            assertEquals("arena", call.caller());
            assertTrue(call.signed(), "the arena proves itself with its key, as the gateway checks it");
            assertEquals(before + 1, gateway.calls.size(), "one call per session");
            JsonNode messages = call.body().path("messages");
            assertEquals("system", messages.path(0).path("role").asText());
            assertTrue(messages.path(0).path("content").asText().startsWith("You are the Moderator"), call.body().toString());
            String user = messages.path(1).path("content").asText();
            assertTrue(user.contains("- Bob: POSITION: tabs Because width is a preference."), user);
            assertTrue(user.contains("no majority"), user);
            assertEquals(false, call.body().path("stream").asBoolean(true));
            assertEquals(400, call.body().path("max_tokens").asInt());

            String md = given().get("/sessions/" + id + "/transcript.md").then().statusCode(200).extract().asString();
            assertTrue(md.contains("By **moderator** (the arena, through the inference gateway)"), md);
            assertTrue(md.contains("> Ada holds spaces"), md);
        }
    }

    @Test
    void anAbsentSynthesiserFallsBackToTheModeratorAndTheReasonIsKept() throws Exception {
        gateway.reply("Split.");
        try (SeedClient ada = SeedClient.join(ws(), "Ada"); SeedClient bob = SeedClient.join(ws(), "Bob")) {
            String id = answeredSession(ada, bob, "Zed decides?", "Zed");
            JsonNode s = done(id);
            assertEquals("Split.", s.at("/synthesis/text").asText());
            assertEquals("synthesiser Zed not connected", s.path("synthesisNote").asText());
        }
    }

    @Test
    void aRefusingOrSlowGatewayEndsTheSessionWithTheVerdictAndSaysWhy() throws Exception {
        try (SeedClient ada = SeedClient.join(ws(), "Ada"); SeedClient bob = SeedClient.join(ws(), "Bob")) {
            gateway.refuse(429, "the queue of arena is full (2 waiting)");
            int before = gateway.calls.size();
            String busy = answeredSession(ada, bob, "Busy?", null);
            JsonNode refused = done(busy);
            assertEquals(before + 1, gateway.calls.size(), "a refusal is not retried");
            assertEquals("synthesis unavailable: the gateway answered HTTP 429: the queue of arena is full (2 waiting)",
                    refused.path("synthesisNote").asText());
            assertTrue(refused.path("synthesis").isNull());
            assertEquals(2, refused.at("/verdict/answered").asInt());

            gateway.stall(10_000);
            String slow = answeredSession(ada, bob, "Slow?", null);
            JsonNode late = done(slow);
            assertEquals("synthesis unavailable: the gateway did not answer within 3.0 s", late.path("synthesisNote").asText());
            given().get("/sessions/" + slow + "/transcript.md").then()
                    .body(org.hamcrest.Matchers.containsString("_synthesis unavailable: the gateway did not answer within 3.0 s_"));
        }
    }
}
