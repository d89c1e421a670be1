package dev.mowai.runner.templates;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import dev.mowai.runner.fixtures.TestAgents;
import dev.mowai.runner.rest.FakeGateway;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The js and c templates, built from scratch, uploaded over REST as a participant's `mowai submit` does. */
@QuarkusTest
@QuarkusTestResource(value = FakeGateway.class, restrictToAnnotatedClass = true)
class TemplateUploadTest {

    @ParameterizedTest
    @ValueSource(strings = {"template-c", "template-js"})
    void anUploadedTemplateAnswersATrialTask(String fixture) throws Exception {
        Response upload = given().header("X-Join-Code", "let-me-in")
                .multiPart("wasm", "agent.wasm", Files.readAllBytes(TestAgents.path(fixture)), "application/wasm")
                .multiPart("name", fixture).multiPart("color", "#5c6bc0").multiPart("persona", "pragmatist")
                .when().post("/agents");
        upload.then().log().ifValidationFails().statusCode(201)
                .body("report.problems", hasSize(0))
                .body("agent.info.version", equalTo("0.1.0"))
                .body("agent.persona", equalTo("pragmatist"));

        given().header("Authorization", "Bearer " + upload.path("token")).contentType("application/json")
                .body("{\"task\":\"Name one use of a paperclip\"}")
                .when().post("/agents/" + upload.path("id") + "/trial")
                .then().log().ifValidationFails().statusCode(200)
                .body("error", nullValue())
                .body("llmCalls", equalTo(2))
                .body("thoughts[0]", equalTo("echo: Task: Name one use of a paperclip\nIn two sentences, how will you approach it?"))
                .body("response", startsWith("echo: Task: Name one use of a paperclip\nYour approach: "));
    }
}
