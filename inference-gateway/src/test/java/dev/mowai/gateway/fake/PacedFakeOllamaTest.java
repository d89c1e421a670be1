package dev.mowai.gateway.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The paced fake over its socket: Ollama's reply shapes at the asked length, and the stats a benchmark reads. */
class PacedFakeOllamaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void answersInOllamasShapesAndCountsWhatItServed() throws Exception {
        try (FakeOllama fake = FakeOllama.onFreePort()) {
            fake.pace(new Pace(2, 1_000_000, 10_000, 20)); // fast: the pace itself is PaceTest's
            String prompt = "x".repeat(40); // 2 messages of 40 characters + a newline each: 82 characters, 21 tokens
            String body = """
                    {"model":"phi3.5","messages":[{"role":"system","content":"%s"},{"role":"user","content":"%s"}],
                     "stream":%s,"options":{"num_predict":%d}}""";

            JsonNode whole = JSON.readTree(chat(fake, body.formatted(prompt, prompt, false, 5)));
            assertTrue(whole.at("/message/content").asText().startsWith("POSITION: option "), whole.toString());
            assertEquals(5, whole.path("eval_count").asInt());
            assertEquals(21, whole.path("prompt_eval_count").asInt());
            assertTrue(whole.path("done").asBoolean());

            List<String> lines = chat(fake, body.formatted(prompt, prompt, true, 500)).lines().toList();
            assertEquals(21, lines.size(), "20 tokens (the pace's reply length, below num_predict), then done");
            assertEquals("POSITION: ", JSON.readTree(lines.getFirst()).at("/message/content").asText());
            assertTrue(JSON.readTree(lines.getLast()).path("done").asBoolean());

            JsonNode stats = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/_fake/stats")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(2, stats.path("chatCalls").asInt());
            assertEquals(42, stats.path("promptTokens").asInt());
            assertEquals(25, stats.path("replyTokens").asInt());
            assertEquals(0, stats.path("inFlight").asInt());
            assertEquals(2, stats.at("/pace/slots").asInt());
        }
    }

    private String chat(FakeOllama fake, String body) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/api/chat"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode(), res.body());
        return res.body();
    }
}
