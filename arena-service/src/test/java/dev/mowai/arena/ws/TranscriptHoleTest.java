package dev.mowai.arena.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mowai.arena.HoleyTranscript;
import dev.mowai.arena.SeedClient;
import dev.mowai.arena.protocol.Outbound;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * A hole in the event sequence (here a torn line in the middle of the transcript) is a hole, not a
 * sign of a slow reader: a spectator resuming before it gets an {@code ARENA_GAP} notice and the rest.
 */
@QuarkusTest
@WithTestResource(HoleyTranscript.class)
class TranscriptHoleTest {

    @TestHTTPResource("/")
    URI root;

    URI ws(String path) {
        return URI.create("ws://" + root.getHost() + ":" + root.getPort() + path);
    }

    static boolean framed(JsonNode n) {
        return !"ARENA_SNAPSHOT".equals(n.path("type").asText());
    }

    @Test
    void resumingBeforeAHoleSkipsItWithANoticeAndStaysLive() {
        for (int since : new int[] {3, 5}) {
            try (SeedClient s = SeedClient.open(ws("/arena?since=" + since))) {
                assertEquals(since + 1, s.await("ARENA_SNAPSHOT").at("/payload/resumeFrom").asLong());
                for (long seq = since + 1; seq <= 5; seq++) {
                    assertEquals(seq, s.await(TranscriptHoleTest::framed, "event " + seq).path("arenaSeq").asLong());
                }
                JsonNode gap = s.await(TranscriptHoleTest::framed, "the gap notice");
                assertEquals(Outbound.GAP, gap.path("type").asText(), gap.toString());
                assertEquals(6, gap.at("/payload/from").asLong());
                assertEquals(6, gap.at("/payload/to").asLong());
                for (long seq = 7; seq <= 9; seq++) {
                    assertEquals(seq, s.await(TranscriptHoleTest::framed, "event " + seq).path("arenaSeq").asLong());
                }
                RestAssured.given().header("X-Admin-Secret", "test-secret").body("{\"description\":\"live\"}")
                        .post("/task").then().statusCode(200);
                assertEquals("live", s.await("GLOBAL_TASK").at("/payload/description").asText());
                assertFalse(s.isClosed(), "not closed as too slow: " + s.closeReason());
            }
        }
    }
}
