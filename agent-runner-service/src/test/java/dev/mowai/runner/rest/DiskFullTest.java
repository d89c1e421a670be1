package dev.mowai.runner.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A data directory without room (here: more free space kept in reserve than any disk has, on the real
 * file system): uploads used to answer a bare 500 while readiness stayed UP.
 */
@QuarkusTest
@TestProfile(DiskFullTest.NoRoom.class)
@QuarkusTestResource(value = FakeGateway.class, restrictToAnnotatedClass = true)
class DiskFullTest {

    public static class NoRoom implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mowai.data-dir", "target/disk-full-test-data/" + System.nanoTime(),
                    "mowai.store.min-free-bytes", Long.toString(Long.MAX_VALUE / 2));
        }
    }

    @Test
    void anUploadSaysDiskFullWith507AndReadinessIsDown() throws Exception {
        byte[] wasm = Files.readAllBytes(Path.of("target/test-agents/c-reactor.wasm"));
        given().header("X-Join-Code", "let-me-in").multiPart("wasm", "agent.wasm", wasm, "application/wasm")
                .multiPart("name", "Full").multiPart("color", "#336699").multiPart("persona", "pragmatist")
                .when().post("/agents").then().statusCode(507).body("error", containsString("disk full"))
                .body("error", containsString("mowai.store.min-free-bytes"));
        given().get("/agents").then().statusCode(200).body("size()", equalTo(0));
        given().get("/q/health/ready").then().statusCode(503).body("checks.find { it.name == 'store' }.status", equalTo("DOWN"))
                .body("checks.name", hasItem("store"));
    }
}
