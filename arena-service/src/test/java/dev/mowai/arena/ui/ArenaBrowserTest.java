package dev.mowai.arena.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The arena UI in real headless Chromium (Debian chromium + chromedriver, installed by ./mowai test). */
@QuarkusTest
@WithTestResource(TempDataDir.class)
class ArenaBrowserTest {

    @TestHTTPResource("/")
    URI root;

    static Chromium chromium;
    static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = new Chromium();
        browser = chromium.browser;
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    URI agentUrl() {
        return URI.create("ws://" + root.getHost() + ":" + root.getPort() + "/");
    }

    WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @Test
    void spectatorPageShowsAThoughtPostedByAnAgent() {
        browser.get(root.toString());
        waiting().until(ExpectedConditions.textToBe(By.id("link"), "live"));
        String words = "bridges want to be cheap " + UUID.randomUUID();
        try (SeedClient agent = SeedClient.open(agentUrl())) {
            agent.connect("Browser Bot", "#22d3ee", "first-principles");
            agent.await("ARENA_ACK");
            waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-roster"), "Browser Bot"));
            agent.think(UUID.randomUUID().toString(), 1, words);
            waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-chat"), words));
            var message = browser.findElements(By.cssSelector("mowai-chat .msg.thought")).getLast();
            assertTrue(message.getText().contains("Browser Bot"), message.getText());
            assertTrue(message.getText().contains("first-principles"), message.getText());
            String dot = browser.findElement(By.cssSelector("mowai-roster .agent[data-agent='" + agent.agentId + "'] .dot"))
                    .getCssValue("background-color");
            assertEquals("rgb(34, 211, 238)", dot.replace("rgba(34, 211, 238, 1)", "rgb(34, 211, 238)"),
                    "roster shows the agent's colour");
        }
    }

    @Test
    void aLatecomerCountsTheThoughtsOfTheSnapshotAndScrollsInThePagesColours() {
        String words = "counted from the snapshot " + UUID.randomUUID();
        try (SeedClient thinker = SeedClient.open(agentUrl()); SeedClient peer = SeedClient.join(agentUrl(), "Peer")) {
            thinker.connect("Snapshot Bot", "#a3e635", "pragmatist");
            thinker.await("ARENA_ACK");
            thinker.think(UUID.randomUUID().toString(), 1, words);
            peer.await(n -> words.equals(n.at("/payload/content").asText()), "the thought relayed"); // so the arena holds it
        }
        browser.get(root.toString()); // a spectator who arrives now sees it in the snapshot, not live
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-chat"), words));
        int listed = browser.findElements(By.cssSelector("mowai-chat .msg.thought")).size();
        assertTrue(listed >= 1);
        assertEquals(String.valueOf(listed), browser.findElement(By.id("thought-count")).getText(),
                "the header counts the thoughts it lists");
        String scrollbar = (String) ((JavascriptExecutor) browser).executeScript(
                "return getComputedStyle(document.querySelector('mowai-chat')).scrollbarColor");
        assertTrue(scrollbar.startsWith("rgb("), "the thought list's scrollbar has the page's colours, got " + scrollbar);
    }

    @Test
    void adminPanelBroadcastsATask() {
        String task = "Plan a picnic for 40 robots " + UUID.randomUUID();
        try (SeedClient agent = SeedClient.join(agentUrl(), "Listener")) {
            browser.get(root + "?admin=1");
            waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-secret")));

            browser.findElement(By.id("admin-secret")).sendKeys("wrong");
            browser.findElement(By.id("admin-task")).sendKeys(task);
            browser.findElement(By.cssSelector("mowai-admin button")).click();
            waiting().until(ExpectedConditions.textToBe(By.cssSelector("mowai-admin .status"), "wrong X-Admin-Secret"));

            browser.findElement(By.id("admin-secret")).clear();
            browser.findElement(By.id("admin-secret")).sendKeys("test-secret");
            browser.findElement(By.cssSelector("mowai-admin button")).click();
            waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-admin .status"), "Sent to"));

            assertTrue(!agent.isClosed(), "agent still connected: " + agent.closeReason());
            // (Tasks of earlier tests arrive first: the agent joined late.)
            JsonNode received = agent.await(n -> "GLOBAL_TASK".equals(n.path("type").asText())
                    && task.equals(n.at("/payload/description").asText()), "the task from the panel");
            assertTrue(received.at("/payload/issuedAt").asLong() > 0);
            waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-task-banner"), task));
        }
    }
}
