package dev.mowai.arena.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.arena.TempDataDir;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** With no admin secret configured, POST /task refuses everyone (fail closed). */
@QuarkusTest
@TestProfile(NoSecretTest.Unset.class)
@WithTestResource(TempDataDir.class)
class NoSecretTest {

    public static class Unset implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mowai.admin-secret", "");
        }
    }

    @Test
    void everyCallIsRefused() {
        for (String secret : new String[] {"", "test-secret", "anything"}) {
            given().header("X-Admin-Secret", secret).body("{\"description\":\"x\"}").post("/task").then()
                    .statusCode(403).body("error", containsString("no admin secret configured"));
        }
        given().body("{\"description\":\"x\"}").post("/task").then().statusCode(403);
    }

    @Test
    void comparisonFailsClosed() {
        assertFalse(AdminSecret.matches(Optional.empty(), ""));
        assertFalse(AdminSecret.matches(Optional.of(""), ""));
        assertFalse(AdminSecret.matches(Optional.of("s"), null));
        assertFalse(AdminSecret.matches(Optional.of("s"), "S"));
        assertTrue(AdminSecret.matches(Optional.of("s3cret"), "s3cret"));
    }
}
