package dev.mowai.arena.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mowai.arena.SeedClient;
import dev.mowai.arena.TempDataDir;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, "arena seats can be squatted", over real sockets: a script that takes a runner agent's id is
 * refused once the id was proven, and loses the seat when the proven owner arrives; seed clients still join.
 */
@QuarkusTest
@WithTestResource(TempDataDir.class)
class SeatClaimSocketTest {

    /** %test.mowai.agent-key in application.properties. */
    static final String KEY = "test-agent-key-shared-with-runners";

    @TestHTTPResource("/")
    URI root;

    URI ws() {
        return URI.create("ws://" + root.getHost() + ":" + root.getPort() + "/ws");
    }

    static List<String> roster() {
        return RestAssured.get("/agents").then().statusCode(200).extract().jsonPath().getList("agentId", String.class);
    }

    @Test
    void aProvenIdIsRefusedToAScriptWithoutTheCredentialWhileSeedClientsStillJoin() throws Exception {
        String runnerAgent = UUID.randomUUID().toString();
        try (SeedClient owner = SeedClient.open(ws(), runnerAgent)) {
            owner.connectProven("Runner agent", KEY);
            owner.await("ARENA_ACK");
        }
        awaitUntil(() -> !roster().contains(runnerAgent));
        try (SeedClient squatter = SeedClient.open(ws(), runnerAgent); SeedClient seed = SeedClient.join(ws(), "Seed")) {
            squatter.connect("Impostor", "red", "contrarian");
            JsonNode error = squatter.await("ARENA_ERROR");
            assertTrue(error.at("/payload/reason").asText().contains("belongs to a runner's agent: payload.credential needed"),
                    error.toString());
            assertEquals(1008, squatter.awaitClose());
            assertTrue(roster().contains(seed.agentId), "a seed client with an unclaimed id is served meanwhile");
            assertTrue(!roster().contains(runnerAgent));
        }
        try (SeedClient back = SeedClient.open(ws(), runnerAgent)) {
            back.connectProven("Runner agent", KEY);
            back.await("ARENA_ACK");
            assertTrue(roster().contains(runnerAgent), "the owner gets its seat back");
        }
    }

    @Test
    void theProvenOwnerKicksASquatterThatTookItsIdFirst() {
        String runnerAgent = UUID.randomUUID().toString();
        try (SeedClient squatter = SeedClient.join(ws(), "Impostor"); SeedClient watcher = SeedClient.join(ws(), "Watcher")) {
            // the squatter got the id first: before any proof, ids are first-come
            try (SeedClient first = SeedClient.open(ws(), runnerAgent)) {
                first.connect("Impostor", "red", "contrarian");
                first.await("ARENA_ACK");
                try (SeedClient owner = SeedClient.open(ws(), runnerAgent)) {
                    owner.connectProven("Runner agent", KEY);
                    owner.await("ARENA_ACK");
                    assertEquals(1008, first.awaitClose());
                    assertTrue(first.closeReason().contains("taken by a connection that proved it"), first.closeReason());
                    JsonNode left = watcher.await(n -> "AGENT_DISCONNECT".equals(n.path("type").asText())
                            && runnerAgent.equals(n.path("agentId").asText()), "the squatter's leave");
                    JsonNode joined = watcher.await(n -> "AGENT_CONNECT".equals(n.path("type").asText())
                            && runnerAgent.equals(n.path("agentId").asText())
                            && "Runner agent".equals(n.at("/payload/name").asText()), "the owner's join");
                    assertTrue(joined.path("arenaSeq").asLong() > left.path("arenaSeq").asLong());
                    assertEquals(1, roster().stream().filter(runnerAgent::equals).count());
                }
            }
            assertTrue(roster().contains(squatter.agentId), "other seats are untouched");
        }
    }

    @Test
    void aCredentialMadeWithAnotherKeyIsRefused() {
        try (SeedClient wrong = SeedClient.open(ws())) {
            wrong.connectProven("Forger", "a-guessed-key-that-is-long-enough");
            JsonNode error = wrong.await("ARENA_ERROR");
            assertTrue(error.at("/payload/reason").asText().startsWith("AGENT_CONNECT: payload.credential: does not prove"),
                    error.toString());
            assertEquals(1008, wrong.awaitClose());
        }
    }

    /** Polls until a condition holds (the arena forgets a closed seat when its close arrives). */
    static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
