package dev.mowai.arena.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mowai.arena.SeedClient;
import dev.mowai.arena.TempDataDir;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The lead starts and advances a debate from the admin panel; the session panel tracks it to its verdict. */
@QuarkusTest
@WithTestResource(TempDataDir.class)
class SessionBrowserTest {

    @TestHTTPResource("/")
    URI root;

    /** This test's task: unique, because an agent that joins gets the arena's recent tasks replayed. */
    private static final String TASK = "Tabs or spaces? " + java.util.UUID.randomUUID();

    private static JsonNode round(SeedClient agent, String marker) {
        return agent.await(n -> "GLOBAL_TASK".equals(n.path("type").asText())
                && n.path("payload").path("description").asText().startsWith(TASK)
                && n.path("payload").path("description").asText().contains(marker), marker);
    }

    @Test
    void adminPanelRunsADebateAndTheSessionPanelShowsRoundsChangesAndTheVerdict() throws Exception {
        try (Chromium chromium = new Chromium();
                SeedClient agent = SeedClient.join(URI.create("ws://" + root.getHost() + ":" + root.getPort() + "/"), "Ada")) {
            WebDriver browser = chromium.browser;
            WebDriverWait waiting = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get(root + "?admin=1");
            waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-session-start")));
            browser.findElement(By.id("admin-secret")).sendKeys("test-secret");
            browser.findElement(By.id("admin-task")).sendKeys(TASK);
            browser.findElement(By.id("admin-rounds")).clear();
            browser.findElement(By.id("admin-rounds")).sendKeys("3");
            browser.findElement(By.id("admin-session-start")).click();

            String t1 = round(agent, "Debate round 1 of 3").path("payload").path("taskId").asText();
            waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-session .round-label"), "Round 1 of 3"));
            agent.respond(t1, "POSITION: tabs", 1);
            String t2 = round(agent, "Debate round 2 of 3").path("payload").path("taskId").asText();
            waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-session .round-label"), "Round 2 of 3"));
            agent.respond(t2, "POSITION: spaces\nBecause diffs align.", 1);
            round(agent, "Debate round 3 of 3");
            waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-session"), "changed position"));

            browser.findElement(By.id("admin-session-next")).click();
            waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-session .majority"),
                    "Majority (1 of 1): spaces"));
            String panel = browser.findElement(By.cssSelector("mowai-session")).getText();
            assertTrue(panel.contains("Changed their mind: Ada"), panel);
            // No gateway in the tests (a closed port): the session ends with the verdict and says why.
            assertTrue(panel.contains("synthesis unavailable: cannot reach the gateway"), panel);

            String id = given(browser);
            browser.get(root + "?session=" + id);
            waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-session .majority"),
                    "Majority (1 of 1): spaces"));
        }
    }

    /** The id of the session the panel shows, from the transcript link it offers. */
    private static String given(WebDriver browser) {
        String href = browser.findElement(By.cssSelector("mowai-session a.download")).getAttribute("href");
        return href.replaceAll(".*/sessions/([^/]+)/transcript\\.md$", "$1");
    }
}
