package dev.mowai.runner.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Scale-out: requests for an agent another replica hosts are proxied to that replica. */
@QuarkusTest
@QuarkusTestResource(value = FakeReplica.class, restrictToAnnotatedClass = true)
class OwnerForwardingTest {

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
        given().get("/agents/" + FakeReplica.REMOTE_ID).then().statusCode(200).body("name", equalTo("Remote"));
    }

    @Test
    void anAgentNoReplicaHostsIs404AndForwardedRequestsAreNeverForwardedAgain() {
        given().get("/agents/0f8fad5b-d9cb-469f-a165-70867728950e").then().statusCode(404);
        given().header("X-Mowai-Forwarded-By", "runner-1").get("/agents/" + FakeReplica.REMOTE_ID).then().statusCode(404);
    }

    @Test
    void theAgentListMergesEveryReplica() {
        given().get("/agents").then().statusCode(200).body("id", hasItem(FakeReplica.REMOTE_ID));
        given().get("/agents?scope=local").then().statusCode(200).body("size()", equalTo(0));
    }
}
