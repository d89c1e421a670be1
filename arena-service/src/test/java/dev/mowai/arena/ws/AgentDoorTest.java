package dev.mowai.arena.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mowai.arena.RawWebSocket;
import dev.mowai.arena.SeedClient;
import dev.mowai.arena.TempDataDir;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Agent sockets before AGENT_CONNECT: how many may wait, how long, and how much they may say. */
@QuarkusTest
@WithTestResource(TempDataDir.class)
class AgentDoorTest {

    @TestHTTPResource("/")
    URI root;

    RawWebSocket raw(String from) throws IOException {
        return RawWebSocket.open("127.0.0.1", root.getPort(), "/", from);
    }

    URI bare() {
        return URI.create("ws://127.0.0.1:" + root.getPort());
    }

    static String connect(String agentId) {
        return "{\"type\":\"AGENT_CONNECT\",\"agentId\":\"" + agentId + "\",\"slot\":0,\"seq\":1,\"ts\":"
                + System.currentTimeMillis() + ",\"payload\":{\"name\":\"Raw\",\"color\":\"red\",\"persona\":\"x\",\"version\":\"1\"}}";
    }

    @Test
    void oneAddressMayKeepSixteenSocketsWaitingAndOthersStillJoin() throws IOException {
        List<RawWebSocket> lurkers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                lurkers.add(raw("127.0.0.2"));
            }
            try (SeedClient good = SeedClient.join(bare(), "Neighbour")) { // another address is not affected
                good.think(UUID.randomUUID().toString(), 1, "still here");
                assertEquals("still here", good.await("AGENT_THOUGHT").at("/payload/content").asText());
            }
            try (RawWebSocket settled = raw("127.0.0.2")) {
                assertTrue(settled.status.startsWith("HTTP/1.1 429"), "refused before the upgrade: " + settled.status);
            }
            int waited = 0;
            int refused = 0;
            for (RawWebSocket w : lurkers) {
                if (!w.upgraded()) { // refused by the upgrade check
                    assertTrue(w.status.startsWith("HTTP/1.1 429"), w.status);
                    refused++;
                    continue;
                }
                RawWebSocket.Frame close = w.awaitClose();
                if (close.closeCode() == 1013) { // upgrades that raced each other: refused right after
                    assertEquals("more than 16 agent sockets from 127.0.0.2 have not sent AGENT_CONNECT", close.text());
                    refused++;
                } else {
                    assertEquals(1001, close.closeCode(), close.text());
                    waited++;
                }
            }
            assertEquals(16, waited);
            assertEquals(4, refused);
            RawWebSocket again = awaitUpgrade("127.0.0.2");
            lurkers.add(again);
            again.text(connect(UUID.randomUUID().toString()));
            assertEquals("ARENA_ACK", firstText(again).path("type").asText(), "closed sockets gave their places back");
        } finally {
            for (RawWebSocket w : lurkers) {
                w.close();
            }
        }
    }

    /** The arena learns of a closed socket asynchronously: retry the upgrade for a while. */
    RawWebSocket awaitUpgrade(String from) throws IOException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            RawWebSocket w = raw(from);
            if (w.upgraded() || System.currentTimeMillis() > deadline) {
                return w;
            }
            w.close();
            sleep(100);
        }
    }

    @Test
    void socketsThatNeverJoinAreClosedAfterTheJoinTimeout() throws IOException {
        try (RawWebSocket lurker = raw("127.0.0.3")) {
            RawWebSocket.Frame close = lurker.awaitClose();
            assertNotNull(close);
            assertEquals(1001, close.closeCode());
            assertEquals("no AGENT_CONNECT within 3 s", close.text());
        }
    }

    @Test
    void framesBeforeAgentConnectAreRateLimited() throws IOException {
        try (RawWebSocket pinger = raw("127.0.0.4")) {
            for (int i = 0; i < 8; i++) {
                pinger.text("{\"type\":\"PING\",\"ts\":1}");
            }
            UntilClose got = untilClose(pinger, "\"PONG\"");
            assertEquals(1008, got.close().closeCode());
            assertTrue(got.close().text().startsWith("too many frames before AGENT_CONNECT"), got.close().text());
            assertTrue(got.matching() >= 5 && got.matching() <= 6, "the burst is answered: " + got.matching());
        }
    }

    @Test
    void binaryFramesAreRefusedWithAReasonAndCountAsErrors() throws IOException {
        try (RawWebSocket first = raw("127.0.0.5")) {
            first.frame(RawWebSocket.BINARY, new byte[] {1, 2, 3});
            JsonNode error = firstText(first);
            assertEquals("ARENA_ERROR", error.path("type").asText());
            assertTrue(error.at("/payload/reason").asText().contains("binary frames are not accepted"), error.toString());
            assertEquals(1008, first.awaitClose().closeCode());
        }
        try (RawWebSocket member = raw("127.0.0.5")) {
            member.text(connect(UUID.randomUUID().toString()));
            assertEquals("ARENA_ACK", firstText(member).path("type").asText());
            for (int i = 0; i < 11; i++) {
                member.frame(RawWebSocket.BINARY, "{\"type\":\"PING\"}".getBytes(StandardCharsets.UTF_8));
            }
            UntilClose got = untilClose(member, "binary frames are not accepted");
            assertEquals(11, got.matching());
            assertEquals(1008, got.close().closeCode());
            assertEquals("more than 10 errors in 60 s", got.close().text());
        }
    }

    @Test
    void invalidUtf8InATextFrameClosesWith1007AndIsNotRelayed() throws Exception {
        try (RawWebSocket w = raw("127.0.0.6")) {
            w.frame(RawWebSocket.TEXT, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            RawWebSocket.Frame close = w.awaitClose();
            assertNotNull(close);
            assertEquals(1007, close.closeCode());
            assertEquals("text frame is not valid UTF-8", close.text());
        }
        String agentId = UUID.randomUUID().toString();
        try (SeedClient watcher = SeedClient.join(bare(), "Watcher"); RawWebSocket member = raw("127.0.0.6")) {
            member.text(connect(agentId));
            assertEquals("ARENA_ACK", firstText(member).path("type").asText());
            String task = UUID.randomUUID().toString();
            String thought = "{\"type\":\"AGENT_THOUGHT\",\"agentId\":\"" + agentId + "\",\"slot\":0,\"seq\":%d,\"ts\":"
                    + System.currentTimeMillis() + ",\"payload\":{\"taskId\":\"" + task + "\",\"step\":%d,\"content\":\"%s\"}}";
            member.text(String.format(thought, 2, 1, "a real \uFFFD is fine"));
            assertEquals("a real \uFFFD is fine", watcher.await(n -> "AGENT_THOUGHT".equals(n.path("type").asText())
                    && agentId.equals(n.path("agentId").asText()), "the valid thought").at("/payload/content").asText());
            byte[] bad = String.format(thought, 3, 2, "BAD").getBytes(StandardCharsets.UTF_8);
            int at = new String(bad, StandardCharsets.UTF_8).indexOf("BAD");
            bad[at] = (byte) 0xC3;
            bad[at + 1] = (byte) 0x28;
            member.frame(RawWebSocket.TEXT, bad);
            assertEquals(1007, member.awaitClose().closeCode());
            java.util.concurrent.atomic.AtomicBoolean relayed = new java.util.concurrent.atomic.AtomicBoolean();
            watcher.await(n -> {
                relayed.compareAndSet(false, "AGENT_THOUGHT".equals(n.path("type").asText()) && n.at("/payload/step").asInt() == 2);
                return "AGENT_DISCONNECT".equals(n.path("type").asText()) && agentId.equals(n.path("agentId").asText());
            }, "the leave");
            assertFalse(relayed.get(), "the invalid thought was not relayed");
        }
    }

    record UntilClose(int matching, RawWebSocket.Frame close) {
    }

    /** Reads up to the server's close frame, counting the frames that contain {@code needle}. */
    static UntilClose untilClose(RawWebSocket w, String needle) throws IOException {
        int matching = 0;
        RawWebSocket.Frame f;
        while ((f = w.read()) != null && f.opcode() != RawWebSocket.CLOSE) {
            if (f.text().contains(needle)) {
                matching++;
            }
        }
        assertNotNull(f, "closed without a close frame");
        return new UntilClose(matching, f);
    }

    static JsonNode firstText(RawWebSocket w) throws IOException {
        RawWebSocket.Frame f;
        while ((f = w.read()) != null) {
            if (f.opcode() == RawWebSocket.TEXT) {
                return SeedClient.JSON.readTree(f.text());
            }
        }
        throw new AssertionError("no text frame");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
