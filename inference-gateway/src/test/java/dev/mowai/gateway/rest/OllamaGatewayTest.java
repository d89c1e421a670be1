package dev.mowai.gateway.rest;

import static dev.mowai.gateway.rest.GatewayClient.await;
import static dev.mowai.gateway.rest.GatewayClient.chatBody;
import static dev.mowai.gateway.rest.GatewayClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mowai.gateway.fake.FakeOllama;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(OllamaProfile.class)
class OllamaGatewayTest extends OllamaGatewayTestBase {

    @Test
    void nonStreamingRequestReachesOllamaWithModelMessagesAndOptions() {
        String body = """
                {"model":"phi3.5","max_tokens":50,"temperature":0.2,"messages":[
                  {"role":"system","content":"You are terse."},
                  {"role":"user","content":"hello there"}]}""";
        HttpResponse<String> r = client.post("agent-a", body);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode reply = json(r);
        assertEquals("chat.completion", reply.path("object").asText());
        assertEquals("phi3.5", reply.path("model").asText());
        assertEquals("assistant", reply.at("/choices/0/message/role").asText());
        assertEquals(FakeOllama.replyTo("hello there"), reply.at("/choices/0/message/content").asText());
        assertEquals("stop", reply.at("/choices/0/finish_reason").asText());
        assertEquals(5, reply.at("/usage/prompt_tokens").asInt(), "Ollama's prompt_eval_count");
        assertEquals(4, reply.at("/usage/completion_tokens").asInt(), "Ollama's eval_count");
        assertEquals(9, reply.at("/usage/total_tokens").asInt());

        List<JsonNode> sent = ollama.chatRequests();
        assertEquals(1, sent.size());
        JsonNode req = sent.get(0);
        assertEquals("phi3.5", req.path("model").asText());
        assertTrue(req.path("stream").asBoolean(), "the gateway streams from Ollama even for one-shot callers, so that it can abort");
        assertEquals("system", req.at("/messages/0/role").asText());
        assertEquals("You are terse.", req.at("/messages/0/content").asText());
        assertEquals("user", req.at("/messages/1/role").asText());
        assertEquals("hello there", req.at("/messages/1/content").asText());
        assertEquals(0.2, req.at("/options/temperature").asDouble(), 1e-9);
        assertEquals(50, req.at("/options/num_predict").asInt());
        assertEquals(20, req.at("/options/top_k").asInt());
        assertEquals(7, req.at("/options/seed").asInt());
    }

    @Test
    void configuredDefaultsApplyWhenTheRequestOmitsThem() {
        assertEquals(200, client.post("agent-a", chatBody("hi", false)).statusCode());
        JsonNode options = ollama.chatRequests().get(0).path("options");
        assertEquals(0.3, options.path("temperature").asDouble(), 1e-9);
        assertEquals(64, options.path("num_predict").asInt());
    }

    @Test
    void streamingRepliesAreServerSentEventsEndingWithDone() throws Exception {
        HttpResponse<String> r = client.post("agent-s", chatBody("stream me please", true));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        String[] events = r.body().split("\n\n");
        StringBuilder text = new StringBuilder();
        String finish = null;
        for (int i = 0; i < events.length - 1; i++) {
            assertTrue(events[i].startsWith("data: "), events[i]);
            JsonNode chunk = GatewayClient.JSON.readTree(events[i].substring(6));
            assertEquals("chat.completion.chunk", chunk.path("object").asText());
            text.append(chunk.at("/choices/0/delta/content").asText(""));
            if (!chunk.at("/choices/0/finish_reason").isNull() && !chunk.at("/choices/0/finish_reason").isMissingNode()) {
                finish = chunk.at("/choices/0/finish_reason").asText();
            }
        }
        assertEquals("data: [DONE]", events[events.length - 1].strip());
        assertEquals(FakeOllama.replyTo("stream me please"), text.toString());
        assertEquals("stop", finish);
        assertTrue(events.length > 5, "the reply came in several chunks");
        JsonNode sent = ollama.chatRequests().get(0);
        assertTrue(sent.path("stream").asBoolean());
        assertEquals("stream me please", sent.at("/messages/0/content").asText());
        assertEquals(64, sent.at("/options/num_predict").asInt());
    }

    @Test
    void modelsListsTheServedModel() {
        JsonNode models = json(client.get("/v1/models"));
        assertEquals("list", models.path("object").asText());
        assertEquals("phi3.5", models.at("/data/0/id").asText());
        assertEquals("mowai-ollama", models.at("/data/0/owned_by").asText());
    }

    @Test
    void greedyAgentCannotStarveTenOthers() {
        // Arrival order within one agent is up to the HTTP client here; FIFO per agent is covered by FairSchedulerTest.
        ollama.hold();
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 1; i <= 50; i++) all.add(client.postAsync("greedy", chatBody("greedy-" + i, false)));
        await("greedy's requests are queued", () -> scheduler.snapshot().queued() == 48);
        for (int a = 1; a <= 10; a++) all.add(client.postAsync("agent-" + a, chatBody("agent-" + a, false)));
        await("everyone is queued", () -> scheduler.snapshot().queued() == 58);
        ollama.open();
        for (CompletableFuture<HttpResponse<String>> f : all) assertEquals(200, f.join().statusCode(), f.join().body());

        List<String> order = ollama.chatRequests().stream().map(r -> r.at("/messages/0/content").asText()).toList();
        assertEquals(60, order.size());
        int greedyFifth = -1;
        int seen = 0;
        for (int i = 0; i < order.size() && greedyFifth < 0; i++) {
            if (order.get(i).startsWith("greedy-") && ++seen == 5) greedyFifth = i;
        }
        for (int a = 1; a <= 10; a++) {
            assertTrue(order.indexOf("agent-" + a) < greedyFifth, "agent-" + a + " came after greedy's fifth request: " + order);
        }
        assertTrue(ollama.maxInFlight() <= 2, "never more than max-concurrent calls at Ollama: " + ollama.maxInFlight());
    }

    @Test
    void callerThatHangsUpWhileQueuedLeavesTheQueue() throws Exception {
        ollama.hold();
        var first = client.postAsync("busy", chatBody("busy-1", false));
        var second = client.postAsync("busy", chatBody("busy-2", false));
        await("both slots taken", () -> scheduler.snapshot().running() == 2);
        try (Socket quitter = client.rawPost("quitter", chatBody("never sent to Ollama", false))) {
            await("the quitter waits", () -> scheduler.snapshot().queued() == 1);
        }
        await("the quitter left the queue", () -> scheduler.snapshot().queued() == 0);
        ollama.open();
        assertEquals(200, first.join().statusCode());
        assertEquals(200, second.join().statusCode());
        assertTrue(ollama.chatRequests().stream().noneMatch(r -> r.toString().contains("never sent to Ollama")));
    }

    @Test
    void callerThatHangsUpMidStreamFreesItsSlotAtOnce() throws Exception {
        ollama.hold();
        try (Socket s = client.rawPost("streamer", chatBody("a long story", true))) {
            String head = GatewayClient.readUntil(s, "\"content\":\"fake");
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            assertEquals(1, scheduler.snapshot().running());
        }
        // Ollama is still holding the rest of the stream, yet the slot is free: the gateway stopped the call.
        await("the slot is released", () -> scheduler.snapshot().running() == 0);
        await("Ollama saw the connection close", () -> ollama.abortedCalls() == 1);
        assertEquals(0, ollama.inFlight());
    }

    @Test
    void callerThatHangsUpDuringAOneShotCallAbortsItAtOllamaAndTheNextCallerGetsTheSlot() throws Exception {
        ollama.hold(); // no reply completes until the end of the test
        var other = client.postAsync("other", chatBody("holds the second slot", false));
        try (Socket quitter = client.rawPost("quitter", chatBody("nobody will read this", false))) {
            await("both slots taken", () -> scheduler.snapshot().running() == 2 && ollama.inFlight() == 2);
            var next = client.postAsync("next", chatBody("next in line", false));
            await("the next caller waits", () -> scheduler.snapshot().queued() == 1);
            quitter.close();
            await("Ollama saw the quitter's connection close", () -> ollama.abortedCalls() == 1);
            // The gate never opened, so the quitter's reply was never sent, yet its slot went on at once.
            await("the next caller reached Ollama", () -> sentContents().contains("next in line"));
            assertEquals(2, scheduler.snapshot().running());
            assertEquals(0, scheduler.snapshot().queued());
            ollama.open();
            assertEquals(FakeOllama.replyTo("next in line"), json(next.join()).at("/choices/0/message/content").asText());
            assertEquals(200, other.join().statusCode());
            assertEquals(1, ollama.abortedCalls(), "only the quitter's call was aborted");
        }
    }

    @Test
    void runnerThatShutsDownItsClientCancelsItsRunningAndQueuedCalls() {
        ollama.hold();
        HttpClient runner = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (String what : List.of("run-1", "run-2", "queued-1", "queued-2")) {
            calls.add(runner.sendAsync(HttpRequest.newBuilder(URI.create(url + "v1/chat/completions"))
                    .header("X-Mowai-Agent", "runner-agent").POST(HttpRequest.BodyPublishers.ofString(chatBody(what, false))).build(),
                    HttpResponse.BodyHandlers.ofString()));
            if (what.equals("run-2")) await("two calls run", () -> ollama.inFlight() == 2);
        }
        await("two more wait", () -> scheduler.snapshot().queued() == 2);
        runner.shutdownNow();
        await("every slot and queue place is free", () -> scheduler.snapshot().running() == 0 && scheduler.snapshot().queued() == 0);
        await("the runner gave up on every call", () -> calls.stream().allMatch(CompletableFuture::isCompletedExceptionally));
        // The connections close one by one, so a queued call may start when a running one frees its slot and be
        // aborted when its own close arrives: every call that reached Ollama must have been aborted there.
        await("Ollama aborted every call it got", () -> ollama.inFlight() == 0 && ollama.abortedCalls() == ollama.chatRequests().size());
        assertTrue(ollama.abortedCalls() >= 2, "both running calls were aborted: " + sentContents());
    }

    private List<String> sentContents() {
        return ollama.chatRequests().stream().map(r -> r.at("/messages/0/content").asText()).toList();
    }

    @Test
    void metricsShowQueueTokensLatencyErrorsAndAgents() {
        assertEquals(200, client.post("metrics-agent", chatBody("count my tokens", false)).statusCode());
        assertEquals(400, client.post("metrics-agent", "{\"messages\":[]}").statusCode());
        String m = client.get("/q/metrics").body();
        for (String name : List.of("mowai_gateway_queue_depth", "mowai_gateway_inflight", "mowai_gateway_queue_wait_seconds",
                "mowai_gateway_backend_latency_seconds", "mowai_gateway_tokens_in_total", "mowai_gateway_tokens_out_total",
                "mowai_gateway_tokens_per_second")) {
            assertTrue(m.contains(name), name + " missing from /q/metrics");
        }
        assertTrue(m.contains("mowai_gateway_requests_total{agent=\"metrics-agent\"}"), m);
        assertTrue(m.contains("mowai_gateway_errors_total{kind=\"invalid_request\"}"), m);
    }

    @Test
    void readinessFollowsOllamaAndTheModel() {
        HttpResponse<String> up = client.get("/q/health/ready");
        assertEquals(200, up.statusCode(), up.body());
        assertTrue(up.body().contains("\"backend\": \"ollama\"") || up.body().contains("\"backend\":\"ollama\""), up.body());
        ollama.setModels(List.of("llama3:latest"));
        HttpResponse<String> noModel = client.get("/q/health/ready");
        assertEquals(503, noModel.statusCode());
        assertTrue(noModel.body().contains("does not have model 'phi3.5'"), noModel.body());
        ollama.stop();
        try {
            HttpResponse<String> down = client.get("/q/health/ready");
            assertEquals(503, down.statusCode());
            assertTrue(down.body().contains("not reachable"), down.body());
        } finally {
            try {
                ollama.start();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        ollama.setModels(List.of("phi3.5:latest"));
        assertEquals(200, client.get("/q/health/ready").statusCode());
    }
}
