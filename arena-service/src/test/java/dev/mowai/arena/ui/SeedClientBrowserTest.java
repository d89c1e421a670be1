package dev.mowai.arena.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mowai.arena.SeedClient;
import dev.mowai.arena.TempDataDir;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The seed's own browser code against our arena, unchanged (src/test/seed: verbatim copies of the seed
 * repository, checked by git blob id): its participant {@code arena-client.mjs} joins at the bare arena
 * URL, receives the lead's task and a peer's thought, sends thoughts and an answer, keeps the
 * connection alive with its PONGs and reconnects by itself; its spectator page, given our feed's URL,
 * shows the roster, the task and the thoughts.
 * The seed client sends no credential: the arena has its runners' key set (as in production), and an
 * agent id nobody claimed is first-come, which is how seed clients keep working.
 */
@QuarkusTest
@WithTestResource(TempDataDir.class)
class SeedClientBrowserTest {

    @TestHTTPResource("/")
    URI root;

    static Chromium chromium;
    static WebDriver browser;
    static SeedPages seed;

    @BeforeAll
    static void start() throws IOException {
        seed = new SeedPages();
        chromium = new Chromium();
        browser = chromium.browser;
    }

    @AfterAll
    static void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (seed != null) {
            seed.close();
        }
    }

    String arenaWs(String path) {
        return "ws://" + root.getHost() + ":" + root.getPort() + path;
    }

    WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** The text of an element of the seed's spectator page, through its web components' shadow roots. */
    String shownBy(String id) {
        return (String) js("""
                const text = (n) => (n.shadowRoot ? text(n.shadowRoot) : '')
                    + [...n.childNodes].map((c) => c.nodeType === 3 ? c.textContent : text(c)).join(' ');
                return text(document.getElementById(arguments[0]));""", id);
    }

    @Test
    void theSeedsAgentClientAndSpectatorPageWorkUnchanged() throws InterruptedException {
        String task = "Should bridges be cheap? " + UUID.randomUUID();
        String mine = "the seed client thinks " + UUID.randomUUID();
        String answer = "the seed client answers " + UUID.randomUUID();
        String broadcast = "the seed client broadcasts " + UUID.randomUUID();
        String peersThought = "a peer thinks " + UUID.randomUUID();
        String afterReconnect = "the seed client is back " + UUID.randomUUID();
        String seedId = UUID.randomUUID().toString();

        // The seed's spectator page, pointed at our feed with its own ?arena= parameter.
        browser.get(seed.url("/?arena=" + arenaWs("/arena")).toString());
        waiting().until(b -> "connected".equals(js("return document.getElementById('ws-badge').textContent")));
        String spectator = browser.getWindowHandle();

        try (SeedClient peer = SeedClient.join(URI.create(arenaWs("/")), "Java Peer")) {
            browser.switchTo().newWindow(WindowType.TAB);
            browser.get(seed.url("/harness.html").toString());
            waiting().until(b -> js("return window.seedClient !== undefined") == Boolean.TRUE);
            String harness = browser.getWindowHandle();

            // connect() as the seed's participant index.html calls it, at the bare URL agents dial.
            js("""
                    window.seedClient.connect(arguments[0], { agentId: arguments[1], name: 'Seed Page Agent',
                        color: '#e8a838', persona: 'contrarian', version: '0.1.0' },
                        (peerId, thought) => window.seen.peers.push({ peerId, thought }))
                      .then((r) => { window.seen.joined = r; }, (e) => { window.seen.failed = String(e); });""",
                    arenaWs(""), seedId);
            waiting().until(b -> js("return window.seen.joined !== undefined || window.seen.failed !== undefined")
                    == Boolean.TRUE);
            assertEquals(null, js("return window.seen.failed ?? null"), "the seed client's join");
            assertTrue(((Number) js("return window.seen.joined.slot")).intValue() >= 0);
            JsonNode joined = peer.await(n -> "AGENT_CONNECT".equals(n.path("type").asText())
                    && seedId.equals(n.path("agentId").asText()), "the seed client's AGENT_CONNECT");
            assertEquals("Seed Page Agent", joined.at("/payload/name").asText());

            // The lead's task (the seed's way: POST /task with X-Admin-Secret) reaches it as its 'task' event.
            String taskId = given().header("X-Admin-Secret", "test-secret").contentType("application/json")
                    .body("{\"description\":\"" + task + "\"}").post("/task").then().statusCode(200)
                    .extract().path("taskId");
            waiting().until(b -> js("return window.seen.events.some((e) => e.type === 'task' "
                    + "&& e.detail.taskId === arguments[0] && e.detail.description === arguments[1])", taskId, task)
                    == Boolean.TRUE);

            // Its thought and its answer reach the peer; the seed's queueBroadcast (what the wasm host's
            // broadcast import calls) too, under the seed's all-zero task id.
            js("window.seedClient.sendThought(arguments[0], 1, arguments[1])", taskId, mine);
            JsonNode relayed = peer.await(n -> "PEER_THOUGHT".equals(n.path("type").asText())
                    && mine.equals(n.at("/payload/content").asText()), "the seed client's thought");
            assertEquals(seedId, relayed.at("/payload/sourceAgentId").asText());
            assertEquals(taskId, relayed.at("/payload/taskId").asText());
            js("window.seedClient.sendResponse(arguments[0], arguments[1], 42)", taskId, answer);
            JsonNode response = peer.await(n -> "AGENT_RESPONSE".equals(n.path("type").asText())
                    && answer.equals(n.at("/payload/content").asText()), "the seed client's answer");
            assertEquals(seedId, response.path("agentId").asText());
            js("window.seedClient.queueBroadcast(arguments[0])", broadcast);
            peer.await(n -> "PEER_THOUGHT".equals(n.path("type").asText())
                    && broadcast.equals(n.at("/payload/content").asText()), "the seed client's broadcast");

            // A peer's thought reaches its onPeerThought callback.
            peer.think(taskId, 1, peersThought);
            waiting().until(b -> js("return window.seen.peers.some((p) => p.peerId === arguments[0] "
                    + "&& p.thought === arguments[1])", peer.agentId, peersThought) == Boolean.TRUE);

            // Its PONGs keep it joined past the silence timeout (4 s in tests; the arena PINGs every 500 ms).
            Thread.sleep(5000);
            assertEquals(Boolean.FALSE, js("return window.seen.events.some((e) => e.type === 'arena-disconnected')"),
                    "the seed client was disconnected");
            assertEquals(Boolean.FALSE, js("return window.seen.events.some((e) => e.type === 'arena-error')"),
                    "the arena refused a frame of the seed client: " + js("return JSON.stringify(window.seen.events)"));
            given().get("/agents").then().statusCode(200)
                    .body("agentId", hasItem(seedId));

            // Its reconnect: refused frames past the error limit (10 a minute, as in the seed) close it, it
            // comes back by itself with the same agentId and its seq starting over at 1, and is let in.
            for (int i = 0; i < 11; i++) {
                js("window.seedClient.sendThought('not-a-task-id', 1, 'refused')");
            }
            waiting().until(b -> Long.valueOf(2).equals(
                    js("return window.seen.events.filter((e) => e.type === 'arena-connected').length")));
            peer.await(n -> "AGENT_CONNECT".equals(n.path("type").asText())
                    && seedId.equals(n.path("agentId").asText()), "the seed client's second AGENT_CONNECT");
            js("window.seedClient.sendThought(arguments[0], 2, arguments[1])", taskId, afterReconnect);
            peer.await(n -> "PEER_THOUGHT".equals(n.path("type").asText())
                    && afterReconnect.equals(n.at("/payload/content").asText()), "its thought after the reconnect");

            // The seed's spectator page saw it all live.
            browser.switchTo().window(spectator);
            waiting().until(b -> shownBy("roster").contains("Seed Page Agent") && shownBy("roster").contains("Java Peer"));
            waiting().until(b -> shownBy("task-banner").contains(task));
            waiting().until(b -> shownBy("chat").contains(mine) && shownBy("chat").contains(answer)
                    && shownBy("chat").contains(broadcast) && shownBy("chat").contains(peersThought)
                    && shownBy("chat").contains(afterReconnect));
            assertTrue(shownBy("chat").contains("Seed Page Agent"), "thoughts are shown under the agent's name");
            assertFalse(shownBy("agent-count").isBlank());
            browser.switchTo().window(harness);
            browser.close();
            browser.switchTo().window(spectator);
        }
    }
}
