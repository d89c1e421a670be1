package dev.mowai.arena.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mowai.arena.SeedClient;
import dev.mowai.arena.TempDataDir;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** A 2-round session with real WebSocket agents speaking the seed protocol, to a verdict and both transcripts. */
@QuarkusTest
@WithTestResource(TempDataDir.class)
class SessionApiTest {

    private static final String SECRET = "test-secret";

    @TestHTTPResource("/")
    URI root;

    private URI ws() {
        return URI.create("ws://" + root.getHost() + ":" + root.getPort() + "/ws");
    }

    private static ValidatableResponse post(String path, String body) {
        return given().header("X-Admin-Secret", SECRET).contentType("application/json").body(body).post(path).then();
    }

    /** Tasks are unique per run: an agent that joins gets the arena's recent tasks (other tests' too) replayed. */
    private static final String RUN = " " + java.util.UUID.randomUUID();

    /** The next GLOBAL_TASK of this run whose description contains {@code marker}. */
    private static JsonNode task(SeedClient c, String marker) {
        return c.await(n -> "GLOBAL_TASK".equals(n.path("type").asText())
                && n.path("payload").path("description").asText().contains(RUN)
                && n.path("payload").path("description").asText().contains(marker), "GLOBAL_TASK with " + marker);
    }

    @Test
    void aTwoRoundSessionRunsToASynthesisAndAVerdict() throws Exception {
        try (SeedClient ada = SeedClient.join(ws(), "Ada"); SeedClient bob = SeedClient.join(ws(), "Bob");
                SeedClient spectator = SeedClient.open(URI.create("ws://" + root.getHost() + ":" + root.getPort() + "/arena"))) {
            String id = post("/sessions", "{\"task\":\"Tabs or spaces?" + RUN + "\",\"rounds\":2,\"reactions\":false,"
                    + "\"synthesiser\":\"Ada\",\"roundTimeoutSeconds\":60}")
                    .statusCode(201).body("round", equalTo(1)).extract().path("sessionId");

            JsonNode r1 = task(ada, "Debate round 1 of 2");
            assertEquals(false, r1.path("payload").path("reactions").asBoolean(true), "reactions:false is on the wire");
            String t1 = r1.path("payload").path("taskId").asText();
            assertEquals(t1, task(bob, "Debate round 1 of 2").path("payload").path("taskId").asText());
            spectator.await(n -> t1.equals(n.path("payload").path("taskId").asText()), "the round on the spectator feed");
            ada.respond(t1, "POSITION: spaces\nBecause diffs align everywhere.", 5);
            bob.respond(t1, "POSITION: tabs\nBecause width is a preference.", 5);

            JsonNode r2 = task(ada, "Debate round 2 of 2");
            String prompt = r2.path("payload").path("description").asText();
            assertTrue(prompt.contains("Bob: POSITION: tabs"), prompt);
            assertTrue(prompt.contains("Revise your answer"), prompt);
            String t2 = r2.path("payload").path("taskId").asText();
            task(bob, "Debate round 2 of 2");
            ada.respond(t2, "POSITION: spaces\nStill spaces, since alignment survives any editor.", 5);
            bob.respond(t2, "POSITION: spaces\nAda convinced me.", 5);

            JsonNode synth = task(ada, "You are the synthesiser");
            assertTrue(bob.drain(n -> n.path("payload").path("description").asText().contains("synthesiser")).isEmpty(),
                    "only the synthesiser gets the synthesis task");
            ada.respond(synth.path("payload").path("taskId").asText(), "The group settled on spaces.", 5);

            awaitState(id, "DONE");
            given().get("/sessions/" + id).then().statusCode(200)
                    .body("rounds.size()", equalTo(2))
                    .body("rounds[0].closedBy", equalTo("all answered"))
                    .body("rounds[1].answers.find { it.name == 'Bob' }.changed", equalTo(true))
                    .body("synthesis.text", equalTo("The group settled on spaces."))
                    .body("verdict.majority", equalTo("spaces"))
                    .body("verdict.changedMind", hasItem("Bob"));
            given().get("/sessions").then().statusCode(200).body("sessionId", hasItem(id));
            given().get("/sessions/" + id + "/transcript.json").then().statusCode(200)
                    .header("Content-Disposition", containsString("session-" + id + ".json"))
                    .body("spec.task", equalTo("Tabs or spaces?" + RUN));
            String md = given().get("/sessions/" + id + "/transcript.md").then().statusCode(200)
                    .contentType(containsString("text/markdown")).extract().asString();
            assertTrue(md.contains("## Round 2"), md);
            assertTrue(md.contains("### Bob") && md.contains("**changed position**"), md);
            assertTrue(md.contains("Majority (2 of 2): **spaces**"), md);
            assertTrue(md.contains("Changed their mind: Bob"), md);
            assertTrue(md.contains("By **Ada**"), md);
            post("/sessions/" + id + "/next", "").statusCode(409).body("error", containsString("is done"));
        }
    }

    @Test
    void theLeadAdvancesAndStopsAndSilentAgentsAreMarked() {
        try (SeedClient ada = SeedClient.join(ws(), "Quiet")) {
            String id = post("/sessions", "{\"task\":\"Ship it?" + RUN + "\",\"rounds\":3,\"roundTimeoutSeconds\":600}")
                    .statusCode(201).extract().path("sessionId");
            JsonNode r1 = task(ada, "Debate round 1 of 3");
            assertFalse(r1.path("payload").has("reactions"), "reactions default to on: the seed's payload, unchanged");
            post("/sessions/" + id + "/next", "").statusCode(200).body("round", equalTo(2));
            task(ada, "Debate round 2 of 3");
            given().get("/sessions/" + id).then().body("rounds[0].closedBy", equalTo("lead"))
                    .body("rounds[0].silent", hasItem(ada.agentId));
            post("/sessions/" + id + "/stop", "").statusCode(200).body("state", equalTo("STOPPED"));
            post("/sessions/" + id + "/stop", "").statusCode(409);
        }
    }

    @Test
    void withTheGatewayDownTheSessionEndsWithTheVerdictAndSaysWhyThereIsNoSynthesis() throws Exception {
        // %test.mowai.gateway-url is a closed port: the moderator cannot reach the gateway.
        try (SeedClient ada = SeedClient.join(ws(), "Lone")) {
            String id = post("/sessions", "{\"task\":\"Alone?" + RUN + "\",\"rounds\":1,\"roundTimeoutSeconds\":60}")
                    .statusCode(201).extract().path("sessionId");
            ada.respond(task(ada, "Alone?").path("payload").path("taskId").asText(), "POSITION: yes\nBecause.", 5);
            awaitState(id, "DONE");
            given().get("/sessions/" + id).then().body("verdict.majority", equalTo("yes"))
                    .body("synthesis", org.hamcrest.Matchers.nullValue())
                    .body("synthesisNote", org.hamcrest.Matchers.startsWith(
                            "synthesis unavailable: cannot reach the gateway at http://127.0.0.1:9 ("));
            String md = given().get("/sessions/" + id + "/transcript.md").then().extract().asString();
            assertTrue(md.contains("_synthesis unavailable: cannot reach the gateway"), md);
            assertTrue(md.contains("Majority (1 of 1): **yes**"), md);
        }
    }

    @Test
    void writesNeedTheSecretAndBadBodiesGetFieldPrecise400s() {
        given().contentType("application/json").body("{\"task\":\"x\"}").post("/sessions").then().statusCode(401)
                .body("error", equalTo("missing X-Admin-Secret header"));
        given().header("X-Admin-Secret", "guess").post("/sessions/x/stop").then().statusCode(401);
        post("/sessions", "{nope").statusCode(400).body("error", equalTo("body: malformed JSON"));
        post("/sessions", "{\"task\":\"x\",\"rounds\":9}").statusCode(400)
                .body("error", equalTo("rounds: must be an integer from 1 to 5"));
        post("/sessions", "{\"task\":\"x\",\"roundTimeoutSeconds\":5}").statusCode(400)
                .body("error", equalTo("roundTimeoutSeconds: must be an integer from 10 to 600"));
        given().get("/sessions/nope").then().statusCode(404).body("error", equalTo("no session with this id"));
        post("/sessions/nope/next", "").statusCode(404);
    }

    private static void awaitState(String id, String state) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String now = null;
        while (System.nanoTime() < deadline) {
            now = given().get("/sessions/" + id).then().extract().path("state");
            if (state.equals(now)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("session " + id + " is " + now + ", not " + state + ", after 30 s");
    }
}
