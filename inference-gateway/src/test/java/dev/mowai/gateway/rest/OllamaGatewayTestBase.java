package dev.mowai.gateway.rest;

import static dev.mowai.gateway.rest.GatewayClient.await;

import dev.mowai.gateway.fake.FakeOllama;
import dev.mowai.gateway.service.SchedulerService;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every test of the gateway on a fake Ollama shares: the fake (injected by FakeOllamaResource,
 * which the test's profile names), a client on the gateway's random port, a fake reset before each
 * test, and after each test an open gate and a scheduler drained back to empty, so that one test's
 * held or queued calls never leak into the next.
 */
abstract class OllamaGatewayTestBase {

    FakeOllama ollama;
    @Inject SchedulerService scheduler;
    @TestHTTPResource("/") URL url;
    GatewayClient client;

    @BeforeEach
    void connectToAFreshFake() throws Exception {
        client = new GatewayClient(url.getPort());
        ollama.start();
        ollama.reset();
    }

    @AfterEach
    void drain() throws Exception {
        ollama.start();
        ollama.open();
        await("every slot is free", () -> scheduler.snapshot().running() == 0 && scheduler.snapshot().queued() == 0);
    }
}
