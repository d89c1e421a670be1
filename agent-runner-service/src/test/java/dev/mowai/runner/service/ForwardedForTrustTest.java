package dev.mowai.runner.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mowai.runner.rest.FakeGateway;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, "proxy trust": with X-Forwarded-For believed from anyone, 120 join-code guesses with a fresh
 * address each never met the per-client upload limit. Configured as k8s/base/agent-runner.yaml does it
 * (trusted proxies: the pod ranges), a caller that is not a trusted proxy (here 127.0.0.1) is counted by its
 * own address whatever header it sends.
 */
@QuarkusTest
@TestProfile(ForwardedForTrustTest.BehindTheIngress.class)
@QuarkusTestResource(value = FakeGateway.class, restrictToAnnotatedClass = true)
class ForwardedForTrustTest {

    public static class BehindTheIngress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mowai.data-dir", "target/forwarded-test-data/" + System.nanoTime(),
                    "mowai.limits.uploads-per-client", "3",
                    "mowai.limits.rate-window", "1h",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10");
        }
    }

    /** An upload with a wrong join code, claiming to come from {@code forwardedFor}. */
    static io.restassured.response.Response guess(String forwardedFor, String code) {
        return given().header("X-Forwarded-For", forwardedFor).header("X-Join-Code", code)
                .multiPart("wasm", "agent.wasm", "junk".getBytes(), "application/wasm").multiPart("name", "Guess")
                .multiPart("color", "#336699").multiPart("persona", "pragmatist")
                .when().post("/agents");
    }

    @Test
    void joinCodeGuessesWithFreshForwardedAddressesStillMeetTheUploadLimit() {
        int refusedAsGuess = 0;
        for (int i = 1; i <= 10; i++) {
            int status = guess("203.0.113." + i, "guess-" + i).statusCode();
            if (status == 403) {
                refusedAsGuess++;
            } else {
                assertEquals(429, status, "attempt " + i);
            }
        }
        assertEquals(3, refusedAsGuess, "three guesses, then the limit of the one real client address");
        guess("203.0.113.99", "guess").then().statusCode(429)
                .body("error", containsString("too many uploads from"))
                .body("error", org.hamcrest.Matchers.not(containsString("203.0.113")));
    }
}
