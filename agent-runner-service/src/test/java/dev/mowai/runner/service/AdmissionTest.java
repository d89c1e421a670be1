package dev.mowai.runner.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.core.LoadGate;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Admission over HTTP with real components: rate limits per client address and per agent (429), the
 * compile slots and their queue (503), each with Retry-After and a message naming the limit; other
 * clients and agents are unaffected and a refused hot swap loses nothing. The runner sits behind a
 * (pretend) proxy: clients are told apart by X-Forwarded-For, which Quarkus resolves.
 */
@QuarkusTest
@TestProfile(AdmissionTest.TightLimits.class)
@QuarkusTestResource(value = FakeGateway.class, restrictToAnnotatedClass = true)
class AdmissionTest {

    static final String JOIN = "let-me-in";
    static final String SKILL = "---\nname: tester\ndescription: a test persona\n---\nYou are the test persona.\n";

    /** Small limits, a window so long that nothing refills during the test, one compile slot and one queue place. */
    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mowai.data-dir", "target/admission-test-data/" + System.nanoTime(),
                    "mowai.limits.uploads-per-client", "3",
                    "mowai.limits.hot-swaps-per-agent", "2",
                    "mowai.limits.trials-per-agent", "2",
                    "mowai.limits.rate-window", "1h",
                    "mowai.limits.concurrent-loads", "1",
                    "mowai.limits.load-queue", "1",
                    "mowai.limits.load-wait", "10m",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @Inject
    Admission admission;

    static byte[] agent(String file) throws Exception {
        return Files.readAllBytes(Path.of("target/test-agents").resolve(file));
    }

    static Response upload(String client, String join, byte[] wasm, String name) {
        return given().header("X-Forwarded-For", client).header("X-Join-Code", join)
                .multiPart("wasm", "agent.wasm", wasm, "application/wasm").multiPart("name", name)
                .multiPart("color", "#336699").multiPart("skill", "SKILL.md", SKILL.getBytes(), "text/markdown")
                .when().post("/agents");
    }

    record Agent(String id, String token) {
    }

    static Agent uploaded(String client, String name) throws Exception {
        Response r = upload(client, JOIN, agent("c-reactor.wasm"), name);
        r.then().log().ifValidationFails().statusCode(201);
        return new Agent(r.path("id"), r.path("token"));
    }

    static Response hotSwap(Agent a, String token, String file) throws Exception {
        return given().header("Authorization", "Bearer " + token).multiPart("wasm", "a.wasm", agent(file))
                .when().put("/agents/" + a.id() + "/wasm");
    }

    static Response trial(Agent a, String task) {
        return given().header("Authorization", "Bearer " + a.token()).contentType("application/json")
                .body("{\"task\":\"" + task + "\"}").when().post("/agents/" + a.id() + "/trial");
    }

    static int retryAfter(Response r) {
        return Integer.parseInt(r.header("Retry-After"));
    }

    @Test
    void everyUploadAttemptOfAClientCountsAndTheNextIs429WhileOtherClientsUploadOn() throws Exception {
        String spammer = "198.51.100.1";
        uploaded(spammer, "One");
        upload(spammer, "guess", agent("c-reactor.wasm"), "Two").then().statusCode(403); // join-code guessing counts
        upload(spammer, JOIN, "junk".getBytes(), "Three").then().statusCode(400);
        Response refused = upload(spammer, JOIN, agent("c-reactor.wasm"), "Four");
        refused.then().statusCode(429).contentType("application/json")
                .body("error", allOf(containsString("too many uploads from " + spammer), containsString("at most 3 per 1h"),
                        containsString("mowai.limits.uploads-per-client")));
        int wait = retryAfter(refused);
        assertTrue(wait >= 1 && wait <= 1200, "one token refills in 1h / 3 = 1200 s, Retry-After " + wait);
        assertTrue(refused.path("error").toString().contains("try again in " + wait + " s"));

        uploaded("198.51.100.2", "Bystander");
        upload(spammer, JOIN, agent("c-reactor.wasm"), "Five").then().statusCode(429);
        given().get("/agents").then().statusCode(200).body("name", org.hamcrest.Matchers.hasItems("One", "Bystander"))
                .body("name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("Four")));
        given().get("/q/metrics").then().body(containsString("mowai_runner_limit_hits_total{limit=\"uploads-per-client\"}"));
    }

    @Test
    void hotSwapsPerAgentAre429AndTheRefusedSwapLeavesTheRunningComponent() throws Exception {
        Agent a = uploaded("198.51.100.10", "Swapper");
        Agent other = uploaded("198.51.100.10", "Other");
        for (int i = 0; i < 5; i++) {
            hotSwap(a, "wrong", "rust.wasm").then().statusCode(401); // a stranger cannot use up the owner's allowance
        }
        hotSwap(a, a.token(), "rust.wasm").then().statusCode(200);
        String running = hotSwap(a, a.token(), "c-freestanding.wasm").then().statusCode(200).extract().path("componentSha256");
        Response refused = hotSwap(a, a.token(), "rust.wasm");
        refused.then().statusCode(429)
                .body("error", allOf(containsString("too many hot swaps of agent " + a.id()), containsString("at most 2 per 1h"),
                        containsString("mowai.limits.hot-swaps-per-agent")));
        assertTrue(retryAfter(refused) >= 1);
        given().get("/agents/" + a.id()).then().body("componentSha256", equalTo(running)).body("state", equalTo("active"));
        trial(a, "still there?").then().statusCode(200).body("response", startsWith("Swapper says: "));
        hotSwap(other, other.token(), "rust.wasm").then().statusCode(200);
    }

    @Test
    void trialsPerAgentAre429AndOtherAgentsAreUnaffected() throws Exception {
        Agent a = uploaded("198.51.100.20", "Curious");
        Agent b = uploaded("198.51.100.21", "Calm");
        trial(a, "one").then().statusCode(200);
        trial(a, "two").then().statusCode(200);
        Response refused = trial(a, "three");
        refused.then().statusCode(429)
                .body("error", allOf(containsString("too many trials of agent " + a.id()), containsString("at most 2 per 1h"),
                        containsString("mowai.limits.trials-per-agent")))
                .body("problems[0]", containsString("trials-per-agent"));
        assertTrue(retryAfter(refused) >= 1);
        trial(b, "hello").then().statusCode(200).body("response", equalTo("Calm says: echo: As tester, answer: hello"));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a guard against a hang, not a measurement
    void withEverySlotBusyAndTheQueueFullUploadsAndHotSwapsAre503AndNothingIsLost() throws Exception {
        Agent a = uploaded("198.51.100.30", "Patient");
        String component = given().get("/agents/" + a.id()).path("componentSha256");
        CompletableFuture<Response> queued;
        try (LoadGate.Permit busy = admission.enterRestore()) { // the only compile slot, as a restore would take it
            queued = CompletableFuture.supplyAsync(() -> {
                try {
                    return upload("198.51.100.31", JOIN, agent("c-reactor.wasm"), "Queued");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            while (!given().get("/q/metrics").asString().contains("mowai_runner_loads_waiting 1.0")) {
                Thread.sleep(20);
            }
            Response full = upload("198.51.100.32", JOIN, agent("c-reactor.wasm"), "Turned away");
            full.then().statusCode(503).body("error", allOf(containsString("1 component is being compiled and 1 more is waiting"),
                    containsString("mowai.limits.concurrent-loads=1"), containsString("mowai.limits.load-queue=1"),
                    containsString("try again in a few seconds")));
            assertEquals(5, retryAfter(full));
            Response swap = hotSwap(a, a.token(), "rust.wasm");
            swap.then().statusCode(503).body("error", containsString("being compiled"));
            assertEquals(5, retryAfter(swap));
            given().get("/agents/" + a.id()).then().body("componentSha256", equalTo(component)).body("state", equalTo("active"));
            trial(a, "alive?").then().statusCode(200).body("response", equalTo("Patient says: echo: As tester, answer: alive?"));
            assertTrue(!queued.isDone(), "the queued upload waits for the slot");
        }
        queued.get(2, TimeUnit.MINUTES).then().statusCode(201).body("agent.state", equalTo("active"));
        hotSwap(a, a.token(), "rust.wasm").then().statusCode(200);
        given().get("/agents").then().body("name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("Turned away")));
    }
}
