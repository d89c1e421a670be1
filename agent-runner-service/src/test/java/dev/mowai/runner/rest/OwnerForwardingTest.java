package dev.mowai.runner.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Scale-out: requests for an agent another replica hosts are proxied to that replica. */
@QuarkusTest
@QuarkusTestResource(value = FakeReplica.class, restrictToAnnotatedClass = true)
class OwnerForwardingTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aRequestForAnAgentOfAnotherReplicaIsProxiedWithItsTokenAndBody() {
        FakeReplica.SEEN.clear();
        given().header("Authorization", "Bearer remote-token").contentType("application/json").body("{\"task\":\"hi\"}")
                .when().post("/agents/" + FakeReplica.REMOTE_ID + "/trial")
                .then().statusCode(200).body("response", equalTo("answered by the owner"));
        FakeReplica.Seen trial = FakeReplica.SEEN.stream().filter(s -> s.path().endsWith("/trial")).findFirst().orElseThrow();
        assertEquals("POST", trial.method());
        assertEquals("Bearer remote-token", trial.authorization());
        assertEquals("{\"task\":\"hi\"}", trial.body());
        assertEquals("runner-test", trial.forwardedBy());
        assertEquals(FakeReplica.KEY, trial.replicaKey(), "replica-to-replica calls carry the shared key");
        given().get("/agents/" + FakeReplica.REMOTE_ID).then().statusCode(200).body("name", equalTo("Remote"));
    }

    @Test
    void anAgentNoReplicaHostsIs404AndForwardedRequestsAreNeverForwardedAgain() {
        given().get("/agents/0f8fad5b-d9cb-469f-a165-70867728950e").then().statusCode(404);
        given().header("X-Mowai-Forwarded-By", "runner-1").header("X-Mowai-Replica-Key", FakeReplica.KEY)
                .get("/agents/" + FakeReplica.REMOTE_ID).then().statusCode(404);
    }

    @Test
    void onlyAReplicaWithTheKeyMaySayItForwardedARequest() {
        given().header("X-Mowai-Forwarded-By", "runner-1").get("/agents/" + FakeReplica.REMOTE_ID).then().statusCode(403)
                .body("error", containsString("mowai.cluster.key"));
        given().header("X-Mowai-Forwarded-By", "runner-1").header("X-Mowai-Replica-Key", "guess")
                .get("/agents?scope=local").then().statusCode(403);
    }

    @Test
    void thatNoReplicaHostsAnIdIsRememberedInsteadOfAskingEveryReplicaEachTime() {
        String unknown = "1b2f7c1e-5d4a-4e3b-8c2d-1a0f9e8d7c6b";
        FakeReplica.SEEN.clear();
        for (int i = 0; i < 5; i++) {
            given().get("/agents/" + unknown + "/logs").then().statusCode(404);
        }
        assertEquals(1, FakeReplica.SEEN.stream().filter(s -> s.path().equals("/agents/" + unknown)).count());
    }

    @Test
    void abandonedConsolesOfAnotherReplicaAreClosedUpstreamAndForwardedRequestsStillPass() throws Exception {
        // 64 abandoned consoles used to fill the pool (here 2) and every forwarded request then hung.
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 6; i++) {
            HttpResponse<java.io.InputStream> res = http.send(HttpRequest.newBuilder(
                            URI.create(base + "agents/" + FakeReplica.REMOTE_ID + "/logs")).header("Authorization", "Bearer t")
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, res.statusCode());
            java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(res.body()));
            assertTrue(lines.readLine().startsWith("data:"));
            res.body().close(); // the participant closes the tab
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (FakeReplica.OPEN_CONSOLES.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, FakeReplica.OPEN_CONSOLES.get(), "every upstream console ended with its client");
        given().header("Authorization", "Bearer remote-token").contentType("application/json").body("{\"task\":\"hi\"}")
                .when().post("/agents/" + FakeReplica.REMOTE_ID + "/trial")
                .then().statusCode(200).body("response", equalTo("answered by the owner"));
    }

    @Test
    void theAgentListMergesEveryReplica() {
        given().get("/agents").then().statusCode(200).body("id", hasItem(FakeReplica.REMOTE_ID));
        given().get("/agents?scope=local").then().statusCode(200).body("size()", equalTo(0));
    }
}
