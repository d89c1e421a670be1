package dev.mowai.arena.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.arena.RawHttp;
import dev.mowai.arena.SeedClient;
import dev.mowai.arena.TempDataDir;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A client that sends its upgrade request a byte at a time is cut off; a quiet agent is not. */
@QuarkusTest
@WithTestResource(TempDataDir.class)
class SlowClientTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void aHandshakeSentAByteEveryFiveSecondsIsCutOff() throws Exception {
        try (SeedClient quiet = SeedClient.join(URI.create("ws://127.0.0.1:" + root.getPort() + "/"), "Quiet");
                RawHttp slow = new RawHttp("127.0.0.1", root.getPort())) {
            String request = "GET / HTTP/1.1\r\nHost: arena\r\nUpgrade: websocket\r\n";
            long start = System.nanoTime();
            boolean cut = false;
            for (int i = 0; i < request.length() && !cut; i++) {
                try {
                    slow.send(request.substring(i, i + 1));
                } catch (IOException closed) {
                    cut = true;
                    break;
                }
                Thread.sleep(5_000);
                cut = i >= 1 && slow.closedByServerWithin(1);
            }
            assertTrue(cut, "the slow client was cut off");
            assertTrue((System.nanoTime() - start) / 1e9 < 30, "within a few bytes");
            // The agent said nothing for as long, and is still connected.
            quiet.think(UUID.randomUUID().toString(), 1, "still here");
            assertEquals("still here", quiet.await("AGENT_THOUGHT").at("/payload/content").asText());
        }
    }
}
