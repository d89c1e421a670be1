package dev.mowai.arena.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mowai.arena.HoleyTranscript;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/** The page's feed client, in Chromium, resuming before a hole in the record: it notes the gap and goes on. */
@QuarkusTest
@WithTestResource(HoleyTranscript.class)
class FeedGapBrowserTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    @SuppressWarnings("unchecked")
    void aResumeBeforeAHoleGetsTheGapAndTheEventsAfterIt() throws Exception {
        try (Chromium chromium = new Chromium()) {
            chromium.browser.get(root.toString());
            String since = "ws://" + root.getHost() + ":" + root.getPort() + "/arena?since=4";
            Map<String, Object> seen = (Map<String, Object>) ((JavascriptExecutor) chromium.browser).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const { followArena } = await import('/ui/feed.js');
                    const feed = followArena(arguments[0]);
                    const seqs = []; let gap = null;
                    feed.addEventListener('gap', (e) => { gap = e.detail; });
                    feed.addEventListener('arena-event', (e) => {
                      seqs.push(e.detail.arenaSeq);
                      if (e.detail.arenaSeq === 9) done({ gap, seqs });
                    });
                    setTimeout(() => done({ gap, seqs }), 10000);
                    """, since);
            assertEquals(List.of(5L, 7L, 8L, 9L), seen.get("seqs"));
            Map<String, Object> gap = (Map<String, Object>) seen.get("gap");
            assertEquals(6L, gap.get("from"));
            assertEquals(6L, gap.get("to"));
        }
    }
}
