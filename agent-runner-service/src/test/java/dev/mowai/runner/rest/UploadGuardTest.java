package dev.mowai.runner.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Uploads and hot swaps are refused on their headers, before their bodies are sent: each request here
 * declares a large body and sends none of it, so an answer proves the runner did not wait for it.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeGateway.class, restrictToAnnotatedClass = true)
class UploadGuardTest {

    static final String JOIN = "let-me-in";
    static final String SKILL = "---\nname: tester\ndescription: a test persona\n---\nYou are the test persona.\n";

    @TestHTTPResource("/")
    URL base;

    /** The status line and headers of the answer to a request whose body is declared but never sent. */
    private String headersOnly(String method, String path, String... headers) throws Exception {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(60_000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            StringBuilder answer = new StringBuilder();
            int n;
            // until the connection closes: the runner does not wait for the body it refused
            while ((n = in.read(buf)) > 0) {
                answer.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            return answer.toString();
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("no answer (or the connection stayed open) while the body was not sent", e);
        }
    }

    private static final String MULTIPART = "Content-Type: multipart/form-data; boundary=xyz";

    @Test
    @Timeout(120)
    void aWrongJoinCodeIsRefusedBeforeTheBody() throws Exception {
        String answer = headersOnly("POST", "/agents", MULTIPART, "Content-Length: 31457280", "X-Join-Code: guess");
        assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
        assertTrue(answer.contains("wrong join code (X-Join-Code)"), answer);
        assertTrue(answer.toLowerCase().contains("connection: close"), answer);
        answer = headersOnly("POST", "/agents", MULTIPART, "Content-Length: 31457280");
        assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
        assertTrue(answer.contains("send it in the X-Join-Code header"), answer);
    }

    /** java.net.http upgrades to HTTP/2 (h2c), where a Connection header makes the whole answer malformed. */
    @Test
    @Timeout(120)
    void aRefusalIsWellFormedForHttp2Clients() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.toURI().resolve("/agents"))
                .header("Content-Type", "multipart/form-data; boundary=xyz").header("X-Join-Code", "guess")
                .POST(HttpRequest.BodyPublishers.ofString("--xyz--\r\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(r.body().contains("wrong join code (X-Join-Code)"), r.body());
    }

    @Test
    @Timeout(120)
    void anUploadDeclaringMoreThanTheLimitIsRefusedBeforeTheBody() throws Exception {
        String answer = headersOnly("POST", "/agents", MULTIPART, "Content-Length: 31457280", "X-Join-Code: " + JOIN);
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("declares 31457280 bytes (Content-Length), above the limit of"), answer);
        assertTrue(answer.contains("mowai.limits.max-component-bytes"), answer);
    }

    @Test
    @Timeout(120)
    void aHotSwapWithoutTheTokenIsRefusedBeforeTheBody() throws Exception {
        Uploaded agent = uploaded();
        String path = "/agents/" + agent.id + "/wasm";
        String answer = headersOnly("PUT", path, "Content-Type: application/wasm", "Content-Length: 62914560");
        assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
        assertTrue(answer.contains("needs the agent's token"), answer);
        answer = headersOnly("PUT", path, "Content-Type: application/wasm", "Content-Length: 62914560",
                "Authorization: Bearer wrong");
        assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
        answer = headersOnly("PUT", "/agents/no-such-agent/wasm", "Content-Type: application/wasm",
                "Content-Length: 62914560", "Authorization: Bearer wrong");
        assertTrue(answer.startsWith("HTTP/1.1 404"), answer);
        // the owner, but too large: refused on the declared length
        answer = headersOnly("PUT", path, "Content-Type: application/wasm", "Content-Length: 62914560",
                "Authorization: Bearer " + agent.token);
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("for a hot swap"), answer);
        // and the agent still takes a proper hot swap
        given().header("Authorization", "Bearer " + agent.token).contentType("application/wasm")
                .body(Files.readAllBytes(Path.of("target/test-agents/c-reactor.wasm")))
                .when().put(path).then().statusCode(200);
    }

    @Test
    void aSkillLargerThanItsLimitIsRefused() throws Exception {
        Response r = given().header("X-Join-Code", JOIN)
                .multiPart("wasm", "agent.wasm", Files.readAllBytes(Path.of("target/test-agents/c-reactor.wasm")), "application/wasm")
                .multiPart("name", "Big skill").multiPart("color", "#336699")
                .multiPart("skill", "SKILL.md", new byte[40_000], "text/markdown").when().post("/agents");
        r.then().statusCode(413).body("error", containsString("40000 bytes exceeds the limit of 32000 (SKILL.md: 8000 characters)"));
    }

    record Uploaded(String id, String token) {
    }

    private static Uploaded uploaded() throws Exception {
        Response r = given().header("X-Join-Code", JOIN)
                .multiPart("wasm", "agent.wasm", Files.readAllBytes(Path.of("target/test-agents/c-reactor.wasm")), "application/wasm")
                .multiPart("name", "Guarded").multiPart("color", "#336699")
                .multiPart("skill", "SKILL.md", SKILL.getBytes(), "text/markdown").when().post("/agents");
        r.then().log().ifValidationFails().statusCode(201);
        assertEquals(201, r.statusCode());
        return new Uploaded(r.path("id"), r.path("token"));
    }
}
