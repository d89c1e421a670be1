package dev.mowai.runner.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.rest.FakeGateway;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runner's memory budget over HTTP: each agent reserves its ceiling (64 MiB here), a new agent that
 * does not fit with one agent's room to spare is refused with 503 naming the budget, a hot swap may use
 * that room, and removing an agent gives its room back.
 */
@QuarkusTest
@TestProfile(AgentMemoryTest.RoomForTwo.class)
@QuarkusTestResource(value = FakeGateway.class, restrictToAnnotatedClass = true)
class AgentMemoryTest {

    static final String JOIN = "let-me-in";
    static final String SKILL = "---\nname: tester\ndescription: a test persona\n---\nYou are the test persona.\n";

    /** 64 MiB per agent (the test profile), room for two agents, one hot swap and a half. */
    public static class RoomForTwo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mowai.data-dir", "target/memory-test-data/" + System.nanoTime(),
                    "mowai.limits.memory-budget-bytes", Long.toString(224L << 20));
        }
    }

    @Inject
    AgentMemory memory;

    static Response upload(String name) throws Exception {
        return given().header("X-Join-Code", JOIN)
                .multiPart("wasm", "agent.wasm", Files.readAllBytes(Path.of("target/test-agents/c-reactor.wasm")), "application/wasm")
                .multiPart("name", name).multiPart("color", "#336699")
                .multiPart("skill", "SKILL.md", SKILL.getBytes(), "text/markdown").when().post("/agents");
    }

    @Test
    void loadsBeyondTheBudgetAreRefusedAndRemovingAnAgentMakesRoom() throws Exception {
        Response first = upload("One");
        first.then().statusCode(201);
        upload("Two").then().statusCode(201);
        assertTrue(memory.reserved() > 120L << 20 && memory.reserved() <= 128L << 20, "two ceilings: " + memory.reserved());

        upload("Three").then().statusCode(503).header("Retry-After", "30").body("error", allOf(
                containsString("the runner's memory for agents is full: this component may grow to 63.9 MiB"),
                containsString("2 agent instances already reserve"), containsString("of 224.0 MiB (mowai.limits.memory-budget-bytes")));

        // a hot swap reserves its new instance next to the old one, in the room new agents leave
        String id = first.path("id");
        String token = first.path("token");
        given().header("Authorization", "Bearer " + token).contentType("application/wasm")
                .body(Files.readAllBytes(Path.of("target/test-agents/c-reactor.wasm"))).when().put("/agents/" + id + "/wasm")
                .then().statusCode(200);
        given().when().get("/agents/" + id).then().statusCode(200).body("state", equalTo("active"));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (memory.budgetLeases() > 2 && System.nanoTime() < deadline) {
            Thread.sleep(50); // the replaced instance closes on the agent's own thread
        }
        assertEquals(2, memory.budgetLeases(), "the old instance gave its room back");

        given().header("Authorization", "Bearer " + token).when().delete("/agents/" + id).then().statusCode(204);
        deadline = System.nanoTime() + 60_000_000_000L;
        while (memory.budgetLeases() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(50); // the removed agent's instance closes on its own thread
        }
        upload("Three").then().statusCode(201);
        assertEquals(2, memory.budgetLeases());
    }
}
