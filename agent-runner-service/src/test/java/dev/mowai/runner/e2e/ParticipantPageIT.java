package dev.mowai.runner.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mowai.runner.ui.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The participant's path in a real browser (issue 9), against arena, gateway (echo backend) and
 * runner started from their built jars: the c template's component, built from source by the
 * fixtures script, is uploaded from the participant page with a name, colour and persona chosen in
 * the form; the agent shows up in the arena (REST roster, spectator feed and the arena's own page,
 * open in a second window); the lead broadcasts a task from the arena's admin panel; the participant
 * page's console streams the task, each host-llm prompt and reply, the thought and the answer live,
 * and the arena page shows the answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParticipantPageIT {

    static final Path AGENTS = Swarm.AGENTS;
    static final String SECRET = "page-it-admin-secret";
    /** The machine is shared: the first task also JIT-compiles the runtime. Waits poll; they never time anything. */
    static final Duration PATIENCE = Duration.ofMinutes(3);

    Swarm swarm;
    ServiceProcess arena;
    ServiceProcess runner;
    RecordingProxy proxy;
    Spectator spectator;
    HeadlessChromium chromium;
    ChromeDriver browser;

    @BeforeAll
    void startTheSwarmAndABrowser() throws Exception {
        Swarm.requireServiceJars();
        Assumptions.assumeTrue(Files.isRegularFile(AGENTS.resolve("template-c.wasm")),
                "test agents missing: see target/test-agents/SKIPPED.txt");
        swarm = Swarm.start(SECRET, Map.of());
        arena = swarm.arena;
        runner = swarm.runner();
        proxy = swarm.proxy;
        spectator = new Spectator("ws://127.0.0.1:" + arena.port);
        chromium = new HeadlessChromium();
        browser = chromium.driver();
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {chromium, spectator, swarm}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void theCTemplateUploadedFromThePageJoinsTheArenaAndItsConsoleFollowsATaskLive() throws Exception {
        String name = "Ada " + UUID.randomUUID().toString().substring(0, 6);
        String colour = "#33cc99";
        String persona = "contrarian";

        // The participant: the page of their runner, the template's component, name, colour and persona.
        browser.get(runner.base() + "/");
        String participantWindow = browser.getWindowHandle();
        browser.findElement(By.id("upload-wasm")).sendKeys(AGENTS.resolve("template-c.wasm").toString());
        browser.findElement(By.id("upload-name")).sendKeys(name);
        // A colour input has no keyboard entry in Chromium; set it the way the picker does, with its events.
        browser.executeScript("const c = arguments[0]; c.value = arguments[1];"
                + "c.dispatchEvent(new Event('input', {bubbles: true})); c.dispatchEvent(new Event('change', {bubbles: true}));",
                browser.findElement(By.id("upload-color")), colour);
        new Select(browser.findElement(By.id("upload-persona"))).selectByValue(persona);
        browser.findElement(By.cssSelector("mowai-upload button[type=submit]")).click();

        waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("mowai-report .verdict.ok")));
        String id = browser.findElement(By.cssSelector("mowai-report .agent-id")).getText();
        waitFor(ExpectedConditions.textToBe(By.id("agent-state"), "active"));
        waitFor(ExpectedConditions.textToBe(By.id("arena-seat"), "in the arena"));
        assertEquals(name, browser.findElement(By.cssSelector("mowai-agent-status .who-name")).getText());

        // The arena has it: its REST roster and the spectator feed carry what the form said.
        JsonNode seat = rosterEntry(id);
        assertEquals(name, seat.path("name").asText(), seat.toString());
        assertEquals(colour, seat.path("color").asText(), seat.toString());
        assertEquals(persona, seat.path("persona").asText(), seat.toString());
        JsonNode joined = spectator.await("the agent joining", e -> "AGENT_CONNECT".equals(e.path("type").asText())
                && id.equals(e.path("agentId").asText()), PATIENCE);
        assertEquals(name, joined.at("/payload/name").asText());

        // The arena's own page, in a second window, as the lead with the admin panel.
        browser.switchTo().newWindow(WindowType.WINDOW);
        String arenaWindow = browser.getWindowHandle();
        browser.get(arena.base() + "/?admin=1");
        By card = By.cssSelector("mowai-roster .agent[data-agent='" + id + "']");
        waitFor(ExpectedConditions.textToBePresentInElementLocated(card, name));
        assertTrue(browser.findElement(card).getText().contains(persona), browser.findElement(card).getText());
        assertEquals("rgb(51, 204, 153)", rgb(browser.findElement(card).findElement(By.cssSelector(".dot")).getCssValue("background-color")),
                "the arena shows the colour chosen in the form");

        String task = "Name one use of a paperclip, case " + UUID.randomUUID().toString().substring(0, 8);
        browser.findElement(By.id("admin-secret")).sendKeys(SECRET);
        browser.findElement(By.id("admin-task")).sendKeys(task);
        browser.findElement(By.cssSelector("mowai-admin button")).click();
        waitFor(ExpectedConditions.textToBe(By.cssSelector("mowai-admin .status"), "Sent to 1 agent."));
        JsonNode posted = spectator.await("the task", e -> "GLOBAL_TASK".equals(e.path("type").asText())
                && task.equals(e.at("/payload/description").asText()), PATIENCE);
        String taskId = posted.at("/payload/taskId").asText();

        // What the c template does with it (templates/c/agent.c) against the echo backend ("echo: " + prompt).
        String planPrompt = "Task: " + task + "\nIn two sentences, how will you approach it?";
        String plan = "echo: " + planPrompt;
        String answerPrompt = "Task: " + task + "\nYour approach: " + plan + "\nNow give your answer in at most five sentences.";
        String answer = "echo: " + answerPrompt;
        JsonNode response = spectator.await("the agent's answer", Spectator.event("AGENT_RESPONSE", id, taskId), PATIENCE);
        assertEquals(answer, response.at("/payload/content").asText());
        JsonNode thought = spectator.await("the agent's thought", Spectator.event("AGENT_THOUGHT", id, taskId), PATIENCE);
        assertEquals(plan, thought.at("/payload/content").asText());
        List<String> promptsAtTheGateway = new ArrayList<>();
        for (RecordingProxy.Seen s : proxy.seen) {
            if (id.equals(s.agent())) {
                promptsAtTheGateway.add(Participant.JSON.readTree(s.body()).at("/messages/1/content").asText());
            }
        }
        assertEquals(List.of(planPrompt, answerPrompt), promptsAtTheGateway);

        // The spectators' page shows the task, the thought and the answer under the agent's name.
        By answerCard = By.cssSelector("mowai-chat .msg.response[data-agent='" + id + "']");
        waitFor(ExpectedConditions.presenceOfElementLocated(answerCard));
        assertEquals(answer, textOf(browser.findElement(answerCard).findElement(By.cssSelector(".content"))));
        assertEquals(name, browser.findElement(answerCard).findElement(By.cssSelector(".msg-author")).getText());
        assertEquals(plan, textOf(browser.findElement(By.cssSelector("mowai-chat .msg.thought[data-agent='" + id + "'] .content"))));
        assertTrue(browser.findElement(By.cssSelector("mowai-task-banner")).getText().contains(task));

        // Meanwhile the participant's console (never reloaded) received it all live over its event stream.
        browser.switchTo().window(participantWindow);
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("mowai-console .line.src-answer")));
        assertEquals(List.of("arena task: " + task), consoleLines("task"));
        assertEquals(List.of("prompt: " + planPrompt, "reply after N ms: " + plan, "prompt: " + answerPrompt,
                "reply after N ms: " + answer), consoleLines("llm"));
        assertEquals(List.of(plan), consoleLines("thought"));
        assertEquals(List.of(answer), consoleLines("answer"));
        assertTrue(consoleLines("agent").contains("task received"), "the template's own log line: " + consoleLines("agent"));
        assertEquals("live", browser.findElement(By.id("console-link")).getDomProperty("textContent"));
        waitFor(ExpectedConditions.textToBe(By.xpath("//mowai-agent-status//div[span[text()='tasks']]/b"), "1"));
        assertEquals("2", browser.findElement(By.xpath("//mowai-agent-status//div[span[text()='llm calls']]/b")).getText());
        assertEquals("in the arena", browser.findElement(By.id("arena-seat")).getText());

        browser.switchTo().window(arenaWindow).close();
        browser.switchTo().window(participantWindow);
    }

    void waitFor(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        chromium.waiting(PATIENCE).until(condition);
    }

    /** The agent's seat in the arena's REST roster, waiting for it to appear. */
    JsonNode rosterEntry(String id) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode roster = null;
        while (System.nanoTime() < deadline) {
            roster = Participant.get(arena.base() + "/agents").body();
            for (JsonNode entry : roster == null ? List.<JsonNode>of() : roster) {
                if (id.equals(entry.path("agentId").asText())) {
                    return entry;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("agent " + id + " not in the arena roster: " + roster + "\n" + runner.tail());
    }

    /** The texts of the console's lines from one source, in order, with the reply times blanked. */
    List<String> consoleLines(String source) {
        List<String> texts = new ArrayList<>();
        for (WebElement line : browser.findElements(By.cssSelector("mowai-console .line.src-" + source + " .txt"))) {
            texts.add(textOf(line).replaceFirst("^reply after \\d+ ms: ", "reply after N ms: "));
        }
        return texts;
    }

    /** Exactly the text the page put there (line breaks included), not its rendering. */
    static String textOf(WebElement element) {
        return element.getDomProperty("textContent");
    }

    static String rgb(String cssColour) {
        return cssColour.replaceFirst("^rgba\\((\\d+), (\\d+), (\\d+), 1\\)$", "rgb($1, $2, $3)");
    }
}
