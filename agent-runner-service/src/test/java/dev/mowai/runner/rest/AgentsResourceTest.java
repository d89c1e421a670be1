package dev.mowai.runner.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The participant API over HTTP, with real components from {@code target/test-agents}. */
@QuarkusTest
@QuarkusTestResource(value = FakeGateway.class, restrictToAnnotatedClass = true)
class AgentsResourceTest {

    static final Path AGENTS = Path.of("target/test-agents");
    static final String JOIN = "let-me-in";
    static final String SKILL = "---\nname: tester\ndescription: a test persona\n---\nYou are the test persona.\n";

    @TestHTTPResource("/")
    URL base;

    @AfterEach
    void gatewayBack() {
        FakeGateway.failWith = 0;
    }

    static byte[] agent(String file) throws Exception {
        return Files.readAllBytes(AGENTS.resolve(file));
    }

    Response upload(byte[] wasm, String name, String persona, boolean customSkill) {
        var req = given().header("X-Join-Code", JOIN).multiPart("wasm", "agent.wasm", wasm, "application/wasm")
                .multiPart("name", name).multiPart("color", "#336699");
        if (persona != null) {
            req = req.multiPart("persona", persona);
        }
        if (customSkill) {
            req = req.multiPart("skill", "SKILL.md", SKILL.getBytes(), "text/markdown");
        }
        return req.when().post("/agents");
    }

    record Uploaded(String id, String token) {
    }

    Uploaded uploaded(String file, String name) throws Exception {
        Response r = upload(agent(file), name, null, true);
        r.then().log().ifValidationFails().statusCode(201);
        return new Uploaded(r.path("id"), r.path("token"));
    }

    @Test
    void anUploadAnswers201WithIdTokenAndReportAndTheAgentIsListed() throws Exception {
        Response r = upload(agent("c-reactor.wasm"), "Cee", null, true);
        r.then().statusCode(201)
                .header("Location", containsString("/agents/"))
                .body("id", notNullValue())
                .body("token", startsWith("mwa_"))
                .body("report.problems", hasSize(0))
                .body("report.exports", hasItem(containsString("handle-task")))
                .body("agent.state", equalTo("active"))
                .body("agent.info.name", equalTo("Cee"))
                .body("agent.persona", equalTo("tester"))
                .body("agent.customPersona", equalTo(true));
        String id = r.path("id");
        String token = r.path("token");
        given().get("/agents").then().statusCode(200).body("id", hasItem(id)).body("toString()", not(containsString(token)));
        given().get("/agents/" + id).then().statusCode(200).body("state", equalTo("active"))
                .body("arena", equalTo("none")).body("stats.traps", equalTo(0));
        given().get("/agents/00000000-0000-4000-8000-000000000000").then().statusCode(404);
    }

    @Test
    void aBadUploadListsEveryProblem() {
        given().header("X-Join-Code", JOIN).multiPart("wasm", "x.wasm", "garbage".getBytes(), "application/wasm")
                .multiPart("name", "").multiPart("color", "not a colour").multiPart("persona", "nobody")
                .when().post("/agents")
                .then().statusCode(400)
                .body("problems", hasSize(4))
                .body("problems[0]", containsString("not a WebAssembly component"))
                .body("problems[1]", containsString("name"))
                .body("problems[2]", containsString("color"))
                .body("problems[3]", containsString("persona"));
    }

    @Test
    void aCoreModuleIsRefusedWithAHint() {
        byte[] module = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
        upload(module, "M", null, true).then().statusCode(400)
                .body("problems[0]", containsString("core WebAssembly module, not a component"));
    }

    @Test
    void aComponentThatIsNotAnAgentIsRefusedByTheConformanceCheck() throws Exception {
        upload(agent("values.wasm"), "V", null, true).then().statusCode(400)
                .body("problems.size()", greaterThanOrEqualTo(1))
                .body("report", notNullValue());
    }

    @Test
    void anOversizeUploadIs413() {
        byte[] big = new byte[21 * 1024 * 1024];
        System.arraycopy(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00}, 0, big, 0, 8);
        upload(big, "Big", null, true).then().statusCode(413).body("error", containsString("max-component-bytes"));
    }

    @Test
    void uploadsNeedTheJoinCode() throws Exception {
        given().multiPart("wasm", "a.wasm", agent("c-reactor.wasm")).multiPart("name", "A").multiPart("color", "#fff")
                .multiPart("skill", "SKILL.md", SKILL.getBytes()).when().post("/agents")
                .then().statusCode(403).body("error", containsString("X-Join-Code"));
        given().header("X-Join-Code", "wrong").multiPart("wasm", "a.wasm", agent("c-reactor.wasm")).multiPart("name", "A")
                .multiPart("color", "#fff").multiPart("skill", "SKILL.md", SKILL.getBytes()).when().post("/agents")
                .then().statusCode(403).body("error", containsString("wrong join code"));
    }

    @Test
    void aTrialRunsPrivatelyWithThePersonaAsSystemPrompt() throws Exception {
        Uploaded a = uploaded("c-reactor.wasm", "Trial");
        FakeGateway.CALLS.clear();
        given().header("Authorization", "Bearer " + a.token()).contentType("application/json")
                .body("{\"task\":\"count to three\"}").when().post("/agents/" + a.id() + "/trial")
                .then().statusCode(200)
                .body("response", equalTo("Trial says: echo: As tester, answer: count to three"))
                .body("thoughts[0]", equalTo("Trial is thinking about: count to three"))
                .body("thoughts[1]", equalTo("clock ok"))
                .body("llmCalls", equalTo(1));
        FakeGateway.Call call = FakeGateway.CALLS.getFirst();
        assertEquals(a.id(), call.agent());
        assertSignedFor(a.id(), call.signature());
        assertEquals("system", call.body().at("/messages/0/role").asText());
        assertEquals("You are the test persona.", call.body().at("/messages/0/content").asText());
        assertEquals("user", call.body().at("/messages/1/role").asText());
    }

    /**
     * X-Mowai-Agent-Signature is {@code <ms>.<base64url HMAC-SHA256(key, "mowai-gateway|agentId|ms")>} with the
     * test profile's mowai.gateway-key (issue 15: the gateway trusts only signed agent headers).
     */
    static void assertSignedFor(String agentId, String signature) throws Exception {
        assertNotNull(signature, "host-llm calls carry X-Mowai-Agent-Signature");
        String[] parts = signature.split("\\.", 2);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("test-gateway-key-of-the-runner".getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"));
        String expected = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal(("mowai-gateway|" + agentId + "|" + parts[0]).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, parts[1]);
        assertTrue(Math.abs(System.currentTimeMillis() - Long.parseLong(parts[0])) < 600_000, "signed with the clock");
    }

    @Test
    void aGatewayFailureReachesTheAgentAsAnErrorTextNotATrap() throws Exception {
        Uploaded a = uploaded("c-reactor.wasm", "Unlucky");
        FakeGateway.failWith = 503;
        given().header("Authorization", "Bearer " + a.token()).contentType("application/json")
                .body("{\"task\":\"hello\"}").when().post("/agents/" + a.id() + "/trial")
                .then().statusCode(200)
                .body("response", startsWith("Unlucky says: [mowai error] the gateway failed (HTTP 503): backend is down (test)"));
        given().get("/agents/" + a.id()).then().body("stats.traps", equalTo(0)).body("stats.llmErrors", equalTo(1))
                .body("stats.lastError", containsString("HTTP 503"));
    }

    @Test
    void changingCallsNeedTheToken() throws Exception {
        Uploaded a = uploaded("c-reactor.wasm", "Guarded");
        given().contentType("application/json").body("{\"task\":\"x\"}").post("/agents/" + a.id() + "/trial")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer wrong").delete("/agents/" + a.id()).then().statusCode(401);
        given().header("Authorization", "Bearer wrong").multiPart("wasm", "a.wasm", agent("c-freestanding.wasm"))
                .put("/agents/" + a.id() + "/wasm").then().statusCode(401);
        given().get("/agents/" + a.id() + "/logs").then().statusCode(401);
        given().header("Authorization", "Bearer " + a.token()).contentType("application/json").body("{\"task\":\"\"}")
                .post("/agents/" + a.id() + "/trial").then().statusCode(400).body("problems[0]", containsString("task"));
    }

    @Test
    void aHotSwapKeepsIdAndTokenAndRunsTheNewComponent() throws Exception {
        Uploaded a = uploaded("c-reactor.wasm", "Swap");
        String before = given().get("/agents/" + a.id()).path("componentSha256");
        given().header("Authorization", "Bearer " + a.token()).multiPart("wasm", "a.wasm", agent("rust.wasm"))
                .when().put("/agents/" + a.id() + "/wasm")
                .then().statusCode(200).body("id", equalTo(a.id())).body("componentSha256", not(equalTo(before)));
        given().header("Authorization", "Bearer " + a.token()).contentType("application/wasm").body(agent("c-freestanding.wasm"))
                .when().put("/agents/" + a.id() + "/wasm").then().statusCode(200);
        given().header("Authorization", "Bearer " + a.token()).multiPart("wasm", "a.wasm", "junk".getBytes())
                .when().put("/agents/" + a.id() + "/wasm").then().statusCode(400);
        given().header("Authorization", "Bearer " + a.token()).contentType("application/json").body("{\"task\":\"still?\"}")
                .post("/agents/" + a.id() + "/trial").then().statusCode(200)
                .body("response", equalTo("Swap says: echo: As tester, answer: still?"));
    }

    @Test
    void anInfiniteLoopIsStoppedAndRepeatedTrapsQuarantine() throws Exception {
        Uploaded a = uploaded("hostile-loop.wasm", "Loop");
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", "Bearer " + a.token()).contentType("application/json").body("{\"task\":\"spin\"}")
                    .post("/agents/" + a.id() + "/trial").then().statusCode(200)
                    .body("error", notNullValue()).body("response", equalTo(null));
        }
        given().get("/agents/" + a.id()).then().body("state", equalTo("quarantined")).body("stats.traps", equalTo(3));
        given().header("Authorization", "Bearer " + a.token()).contentType("application/json").body("{\"task\":\"spin\"}")
                .post("/agents/" + a.id() + "/trial").then().statusCode(200).body("error", containsString("quarantined"));
        // The same looping component again would lift the quarantine: refused, whenever it comes.
        given().header("Authorization", "Bearer " + a.token()).multiPart("wasm", "a.wasm", agent("hostile-loop.wasm"))
                .put("/agents/" + a.id() + "/wasm").then().statusCode(400)
                .body("problems[0]", containsString("component that was quarantined"));
        // A changed one lifts it once the cooldown (2 s in tests) is over; before that: 429 with Retry-After.
        int status = 0;
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); status != 200 && System.nanoTime() < end; ) {
            Response r = given().header("Authorization", "Bearer " + a.token())
                    .multiPart("wasm", "a.wasm", agent("c-reactor.wasm")).put("/agents/" + a.id() + "/wasm");
            status = r.statusCode();
            if (status == 429) {
                assertTrue(r.body().asString().contains("mowai.limits.quarantine-cooldown"), r.body().asString());
                assertTrue(r.header("Retry-After") != null);
                Thread.sleep(200);
            } else {
                r.then().statusCode(200).body("state", equalTo("active"));
            }
        }
        assertEquals(200, status);
    }

    @Test
    void theConsoleStreamsAsServerSentEvents() throws Exception {
        Uploaded a = uploaded("c-reactor.wasm", "Talker");
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "agents/" + a.id() + "/logs"))
                .header("Authorization", "Bearer " + a.token()).header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> res = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, res.statusCode());
        CompletableFuture<String> initLine = CompletableFuture.supplyAsync(() -> firstLineContaining(res.body(), "init Talker"));
        assertTrue(initLine.get(30, TimeUnit.SECONDS).contains("\"source\":\"agent\""));
        res.body().close();
    }

    @Test
    void theTokenStaysOutOfUrlsABrowserOpensTheConsoleWithASingleUseTicket() throws Exception {
        Uploaded a = uploaded("c-reactor.wasm", "Ticketed");
        Uploaded other = uploaded("c-reactor.wasm", "Other");
        // ?token= put the token in proxies' and access logs: refused, with what to do instead.
        given().get("/agents/" + a.id() + "/logs?token=" + a.token()).then().statusCode(401)
                .body("error", containsString("console-ticket"));
        given().post("/agents/" + a.id() + "/console-ticket").then().statusCode(401);
        String ticket = given().header("Authorization", "Bearer " + a.token()).post("/agents/" + a.id() + "/console-ticket")
                .then().statusCode(200).body("expiresInSeconds", equalTo(60)).extract().path("ticket");
        given().get("/agents/" + other.id() + "/logs?ticket=" + ticket).then().statusCode(401);
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> res = client.send(HttpRequest.newBuilder(
                        URI.create(base + "agents/" + a.id() + "/logs?ticket=" + ticket)).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, res.statusCode());
        CompletableFuture<String> initLine = CompletableFuture.supplyAsync(() -> firstLineContaining(res.body(), "init Ticketed"));
        assertTrue(initLine.get(30, TimeUnit.SECONDS).contains("init Ticketed"));
        res.body().close();
        given().get("/agents/" + a.id() + "/logs?ticket=" + ticket).then().statusCode(401)
                .body("error", containsString("used or expired"));
    }

    private static String firstLineContaining(java.io.InputStream in, String text) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.contains(text)) {
                    return line;
                }
            }
            return "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void deleteRemovesTheAgent() throws Exception {
        Uploaded a = uploaded("c-reactor.wasm", "Gone");
        given().header("Authorization", "Bearer " + a.token()).delete("/agents/" + a.id()).then().statusCode(204);
        given().get("/agents/" + a.id()).then().statusCode(404);
    }

    @Test
    void healthAndMetricsAndOpenApiAreServed() throws Exception {
        uploaded("c-reactor.wasm", "Metered");
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("gateway"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("mowai_runner_agents{state=\"active\""))
                .body(containsString("mowai_runner_call_seconds"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/agents/{id}/trial"))
                .body(containsString("Over the trials per agent (Retry-After)"))
                .body(containsString("The data directory is full: nothing was stored"));
    }
}
