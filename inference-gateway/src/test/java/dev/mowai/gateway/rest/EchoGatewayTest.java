package dev.mowai.gateway.rest;

import static dev.mowai.gateway.rest.GatewayClient.chatBody;
import static dev.mowai.gateway.rest.GatewayClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The default test profile: the echo backend. Also the home of request validation, which needs no model. */
@QuarkusTest
class EchoGatewayTest {

    @TestHTTPResource("/") URL url;
    GatewayClient client;

    @BeforeEach
    void setUp() {
        client = new GatewayClient(url.getPort());
    }

    @Test
    void echoRepliesExactlyWithTheLastUserMessage() {
        String body = """
                {"messages":[{"role":"user","content":"first"},{"role":"assistant","content":"x"},
                {"role":"user","content":"  the  last one\\n"}]}""";
        HttpResponse<String> r = client.post("e", body);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("echo:   the  last one\n", json(r).at("/choices/0/message/content").asText());
        assertEquals("echo", json(r).path("model").asText());
    }

    @Test
    void echoAnswersRequestsForTheConfiguredModelAndSaysItAnswered() {
        HttpResponse<String> r = client.post("e", """
                {"model":"phi3.5","messages":[{"role":"user","content":"hi"}]}""");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("echo: hi", json(r).at("/choices/0/message/content").asText());
        assertEquals("echo", json(r).path("model").asText());
        HttpResponse<String> other = client.post("e", """
                {"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}""");
        assertEquals(400, other.statusCode(), other.body());
        assertTrue(other.body().contains("'echo' or 'phi3.5'"), other.body());
    }

    @Test
    void echoStreamsTheSameText() {
        HttpResponse<String> r = client.post("e", chatBody("stream this back", true));
        StringBuilder text = new StringBuilder();
        for (String ev : r.body().split("\n\n")) {
            if (ev.startsWith("data: {")) text.append(parse(ev.substring(6)).at("/choices/0/delta/content").asText(""));
        }
        assertEquals("echo: stream this back", text.toString());
        assertTrue(r.body().strip().endsWith("data: [DONE]"));
    }

    @Test
    void healthAndModelsAnnounceTheEchoBackend() {
        HttpResponse<String> ready = client.get("/q/health/ready");
        assertEquals(200, ready.statusCode());
        assertTrue(ready.body().contains("ECHO BACKEND ACTIVE"), ready.body());
        assertEquals("mowai-echo", json(client.get("/v1/models")).at("/data/0/owned_by").asText());
    }

    @Test
    void openApiDocumentsTheApi() {
        String doc = client.get("/q/openapi").body();
        assertTrue(doc.contains("/v1/chat/completions"), doc);
        assertTrue(doc.contains("/v1/models"), doc);
        assertTrue(doc.contains("X-Mowai-Agent"), doc);
    }

    @Test
    void emptyMessagesAre400NamingTheField() {
        assertInvalid("{\"messages\":[]}", "messages", "at least one message");
        assertInvalid("{}", "messages", "at least one message");
    }

    @Test
    void badRoleIs400() {
        assertInvalid("{\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}", "messages[0].role", "must be one of system, user, assistant");
    }

    @Test
    void oversizePromptIs400WithTheLimit() {
        String big = "x".repeat(16_385);
        assertInvalid(chatBody(big, false), "messages[0].content", "at most 16384 characters (got 16385)");
        String half = "y".repeat(16_000);
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + half + "\"},{\"role\":\"user\",\"content\":\"" + half
                + "\"},{\"role\":\"user\",\"content\":\"" + "z".repeat(1000) + "\"}]}";
        assertInvalid(body, "messages", "the limit is 32768");
    }

    @Test
    void hugeBodyIsRefusedBeforeParsing() {
        String body = chatBody("w".repeat(300_000), false);
        HttpResponse<String> r = client.post("e", body);
        assertEquals(413, r.statusCode(), r.body());
        assertEquals("body_too_large", json(r).at("/error/code").asText());
    }

    @Test
    void wrongTypesAndBrokenJsonAre400() {
        assertInvalid("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]}", "messages[0].content", "wrong type");
        assertInvalid("{\"messages\":\"hello\"}", "messages", "wrong type");
        assertInvalid("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}], \"max_tokens\":\"many\"}", "max_tokens", "");
        assertInvalid("{\"messages\":[", "body", "not valid JSON");
        assertInvalid("", "body", "required");
        assertInvalid("[1,2]", "body", "");
    }

    @Test
    void parameterLimitsAre400() {
        assertInvalid("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":0}", "max_tokens", "between 1 and 2048");
        assertInvalid("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":3}", "temperature", "between 0 and 2");
        assertInvalid("{\"model\":\"gpt-4\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "model", "serves 'echo'");
    }

    @Test
    void badAgentHeaderIs400() {
        HttpResponse<String> r = client.post("has spaces", chatBody("x", false));
        assertEquals(400, r.statusCode());
        assertEquals("X-Mowai-Agent", json(r).at("/error/param").asText());
        HttpResponse<String> longId = client.post("a".repeat(65), chatBody("x", false));
        assertEquals(400, longId.statusCode());
        assertTrue(json(longId).at("/error/message").asText().contains("at most 64 characters"));
    }

    private void assertInvalid(String body, String field, String messagePart) {
        HttpResponse<String> r = client.post("validator", body);
        assertEquals(400, r.statusCode(), r.body());
        JsonNode err = json(r).path("error");
        assertEquals("invalid_request_error", err.path("type").asText());
        assertEquals(field, err.path("param").asText(), err.toString());
        assertTrue(err.path("message").asText().contains(messagePart), err.toString());
    }

    private static JsonNode parse(String s) {
        try {
            return GatewayClient.JSON.readTree(s);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
