package dev.mowai.arena.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.arena.RawHttp;
import dev.mowai.arena.TempDataDir;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Write requests are judged by their headers before a byte of their body is read: the secret first,
 * then the declared length; a chunked body is cut off once it passes the limit.
 */
@QuarkusTest
@WithTestResource(TempDataDir.class)
class AdminBodyTest {

    static final long NINE_MIB = 9L * 1024 * 1024;

    @TestHTTPResource("/")
    URI root;

    RawHttp raw() throws IOException {
        return new RawHttp(root.getHost(), root.getPort());
    }

    static String head(String path, String secret, String lengthHeader) {
        return "POST " + path + " HTTP/1.1\r\nHost: arena\r\nContent-Type: application/json\r\n"
                + (secret == null ? "" : "X-Admin-Secret: " + secret + "\r\n") + lengthHeader + "\r\n\r\n";
    }

    @Test
    void wrongSecretIsRefusedBeforeTheBodyArrives() throws IOException {
        for (String secret : new String[] {"guess", null}) {
            try (RawHttp c = raw()) {
                String r = c.send(head("/task", secret, "Content-Length: " + NINE_MIB)).response();
                assertTrue(r.startsWith("HTTP/1.1 401"), "refused on the headers alone: " + r);
                assertTrue(r.contains(secret == null ? "missing X-Admin-Secret header" : "wrong X-Admin-Secret"), r);
                assertTrue(c.closedByServer(), "the connection is closed: the announced body is never read");
            }
        }
    }

    /** java.net.http upgrades to HTTP/2 (h2c), where a Connection header makes the answer malformed. */
    @Test
    void aRefusalIsWellFormedForHttp2Clients() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(root.resolve("/task"))
                .header("X-Admin-Secret", "guess").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"hello\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(r.body().contains("wrong X-Admin-Secret"), r.body());
    }

    @Test
    void declaredOversizeIsRefusedBeforeTheBodyArrives() throws IOException {
        try (RawHttp c = raw()) {
            String r = c.send(head("/task", "test-secret", "Content-Length: " + NINE_MIB)).response();
            assertTrue(r.startsWith("HTTP/1.1 413"), r);
            assertTrue(r.contains("body: 9437184 bytes exceeds the limit of 4096 bytes"), r);
        }
    }

    @Test
    void chunkedOversizeIsCutOffWhileReading() throws IOException {
        try (RawHttp c = raw()) {
            c.send(head("/task", "test-secret", "Transfer-Encoding: chunked"));
            String chunk = Integer.toHexString(1024) + "\r\n" + "x".repeat(1024) + "\r\n";
            try {
                for (int i = 0; i < 64; i++) { // 64 KB and no final chunk: only a limit ends this request
                    c.send(chunk);
                }
            } catch (IOException closedWhileSending) {
                // the arena may close before all is written
            }
            String r = c.response();
            assertTrue(r.startsWith("HTTP/1.1 413"), "cut off after 4 KB: " + r);
        }
    }

    @Test
    void everyWriteRouteWantsTheSecretFirst() throws IOException {
        for (String path : new String[] {"/agents", "/health", "/nowhere"}) {
            try (RawHttp c = raw()) {
                String r = c.send(head(path, "guess", "Content-Length: " + NINE_MIB)).response();
                assertTrue(r.startsWith("HTTP/1.1 401"), path + ": " + r);
            }
        }
    }

    @Test
    void smallTasksStillPass() {
        given().header("X-Admin-Secret", "test-secret").contentType("application/json")
                .body("{\"description\":\"still fine\"}").post("/task").then().statusCode(200);
        given().header("X-Admin-Secret", "test-secret").contentType("application/json")
                .body("{\"description\":\"" + "y".repeat(512) + "\",\"pad\":\"" + "z".repeat(3000) + "\"}")
                .post("/task").then().statusCode(200);
        given().header("X-Admin-Secret", "test-secret").contentType("application/json")
                .body("{\"description\":\"x\",\"pad\":\"" + "z".repeat(5000) + "\"}")
                .post("/task").then().statusCode(413).body("error", equalTo("body: 5028 bytes exceeds the limit of 4096 bytes"));
        assertEquals(200, given().get("/health").statusCode());
    }
}
