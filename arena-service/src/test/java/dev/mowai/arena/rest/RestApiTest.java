package dev.mowai.arena.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mowai.arena.SeedClient;
import dev.mowai.arena.TempDataDir;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TempDataDir.class)
class RestApiTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void healthHasTheSeedShape() {
        given().get("/health").then().statusCode(200)
                .body("status", equalTo("ok"))
                .body("agents", greaterThanOrEqualTo(0))
                .body("uptime", greaterThanOrEqualTo(0));
    }

    @Test
    void agentsListsTheRoster() {
        try (SeedClient a = SeedClient.join(URI.create("ws://" + root.getHost() + ":" + root.getPort() + "/ws"), "Listed")) {
            given().get("/agents").then().statusCode(200)
                    .body("agentId", hasItem(a.agentId))
                    .body("find { it.agentId == '" + a.agentId + "' }.name", equalTo("Listed"))
                    .body("find { it.agentId == '" + a.agentId + "' }.persona", equalTo("contrarian"));
            given().get("/health").then().body("agents", greaterThanOrEqualTo(1));
        }
    }

    @Test
    void taskNeedsTheSecret() {
        given().body("{\"description\":\"x\"}").post("/task").then().statusCode(401)
                .body("error", equalTo("missing X-Admin-Secret header"));
        given().header("X-Admin-Secret", "guess").body("{\"description\":\"x\"}").post("/task").then().statusCode(401)
                .body("error", equalTo("wrong X-Admin-Secret"));
        given().header("X-Admin-Secret", "test-secre").body("{\"description\":\"x\"}").post("/task").then().statusCode(401);
    }

    @Test
    void taskBodyProblemsAreClear400s() {
        post("").statusCode(400).body("error", equalTo("body: expected a JSON object {\"description\": \"…\"}"));
        post("{nope").statusCode(400).body("error", equalTo("body: malformed JSON"));
        post("[1]").statusCode(400).body("error", containsString("expected a JSON object"));
        post("{}").statusCode(400).body("error", equalTo("description: missing or not a string"));
        post("{\"description\":7}").statusCode(400).body("error", equalTo("description: missing or not a string"));
        post("{\"description\":\"   \"}").statusCode(400).body("error", equalTo("description: must not be blank"));
        post("{\"description\":\"" + "x".repeat(512) + "\"}").statusCode(200)
                .body("taskId", notNullValue()).body("arenaSeq", greaterThanOrEqualTo(1)).body("$", not(hasKey("note")));
    }

    /** The seed's arena broadcast the first 512 characters of a longer task (slice(0, 512)); so do we, and say so. */
    @Test
    void aLongerTaskIsCutTo512CharactersAsInTheSeed() {
        String head = "Plan a picnic " + UUID.randomUUID() + " ";
        String task = head + "y".repeat(512 - head.length()) + "and everything after the limit";
        try (SeedClient agent = SeedClient.join(URI.create("ws://" + root.getHost() + ":" + root.getPort() + "/"), "Long Task")) {
            post("{\"description\":\"" + task + "\"}").statusCode(200).body("taskId", notNullValue())
                    .body("note", equalTo("description: " + task.length() + " characters; its first 512 were sent "
                            + "(the limit is 512, as in the seed)"));
            var received = agent.await(n -> "GLOBAL_TASK".equals(n.path("type").asText())
                    && n.at("/payload/description").asText().startsWith(head), "the cut task");
            assertEquals(task.substring(0, 512), received.at("/payload/description").asText());
        }
    }

    private static io.restassured.response.ValidatableResponse post(String body) {
        return given().header("X-Admin-Secret", "test-secret").contentType("application/json").body(body)
                .post("/task").then();
    }

    @Test
    void metricsHealthAndOpenApiAreServed() {
        post("{\"description\":\"count me\"}").statusCode(200);
        System.gc(); // the gauges must outlive a collection (Micrometer holds gauge targets weakly)
        given().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*\\nmowai_arena_agents [0-9.]+\\n.*"))
                .body(matchesPattern("(?s).*\\nmowai_arena_spectators [0-9.]+\\n.*"))
                .body(containsString("mowai_arena_fanout_seconds_bucket"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("arena-transcript"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/task"));
    }
}
