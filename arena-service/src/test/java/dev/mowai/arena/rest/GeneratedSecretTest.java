package dev.mowai.arena.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.arena.TempDataDir;
import dev.mowai.arena.config.AdminSecretFile;
import dev.mowai.arena.config.ArenaConfig;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * With no admin secret configured (a fresh `kubectl apply -k k8s`), the arena generates a strong one at its
 * first start and keeps it in its data directory; only that secret opens POST /task.
 */
@QuarkusTest
@TestProfile(GeneratedSecretTest.Unset.class)
@WithTestResource(TempDataDir.class)
class GeneratedSecretTest {

    public static class Unset implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mowai.admin-secret", "");
        }
    }

    @Inject
    ArenaConfig config;

    @Test
    void onlyTheGeneratedSecretInTheDataDirectoryOpensTasks() throws Exception {
        var file = config.dataDir().resolve(AdminSecretFile.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String secret = Files.readString(file).strip();
        assertEquals(32, secret.length(), secret);
        for (String wrong : new String[] {"", "test-secret", secret.substring(1)}) {
            given().header("X-Admin-Secret", wrong).body("{\"description\":\"x\"}").post("/task").then()
                    .statusCode(401).body("error", containsString("X-Admin-Secret"));
        }
        given().body("{\"description\":\"x\"}").post("/task").then().statusCode(401);
        given().header("X-Admin-Secret", secret).body("{\"description\":\"from the generated secret\"}").post("/task")
                .then().statusCode(200);
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
