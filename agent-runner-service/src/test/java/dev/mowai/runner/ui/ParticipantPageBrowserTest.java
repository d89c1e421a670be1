package dev.mowai.runner.ui;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.rest.FakeGateway;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The participant page in real headless Chromium (Debian chromium + chromedriver, installed by
 * ./mowai test), against the runner with a fake gateway speaking the real HTTP API and a real
 * component built from source by the fixtures script.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeGateway.class, restrictToAnnotatedClass = true)
class ParticipantPageBrowserTest {

    static final Path AGENTS = Path.of("target/test-agents");

    @TestHTTPResource("/")
    URI root;

    static HeadlessChromium chromium;
    static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = new HeadlessChromium();
        browser = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    WebDriverWait waiting() {
        return chromium.waiting();
    }

    /** The page as a new tab sees it: no agent kept from an earlier test. */
    void openFreshPage() {
        browser.get(root.toString());
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
    }

    void fillUpload(String file, String name, String persona, String joinCode) {
        browser.findElement(By.id("upload-wasm")).sendKeys(AGENTS.resolve(file).toAbsolutePath().toString());
        WebElement nameInput = browser.findElement(By.id("upload-name"));
        nameInput.clear();
        nameInput.sendKeys(name);
        new Select(browser.findElement(By.id("upload-persona"))).selectByValue(persona);
        WebElement join = browser.findElement(By.id("upload-join"));
        join.clear();
        join.sendKeys(joinCode);
        browser.findElement(By.cssSelector("mowai-upload button[type=submit]")).click();
    }

    @Test
    void aRefusedUploadShowsEveryProblem() throws IOException {
        openFreshPage();

        fillUpload("c-reactor.wasm", "Nobody", "contrarian", "not-the-code");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-upload .status.bad"), "join code"));
        assertTrue(browser.findElement(By.cssSelector("mowai-report .verdict.bad")).getText().contains("HTTP 403"));

        fillUpload("values.wasm", "Valuable", "contrarian", "let-me-in");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-report .verdict.bad"), "problem"));
        List<WebElement> problems = browser.findElements(By.cssSelector("mowai-report .problems li"));
        assertFalse(problems.isEmpty(), "every problem is listed");
        List<String> fromApi = given().header("X-Join-Code", "let-me-in")
                .multiPart("wasm", "values.wasm", Files.readAllBytes(AGENTS.resolve("values.wasm")), "application/wasm")
                .multiPart("name", "Valuable").multiPart("color", "#336699").multiPart("persona", "contrarian")
                .post("/agents").then().statusCode(400).extract().path("problems");
        assertEquals(fromApi, problems.stream().map(WebElement::getText).toList(), "the page shows the API's problems verbatim");
        assertTrue(browser.findElement(By.id("placeholder")).isDisplayed(), "no agent is followed after a refusal");
    }

    @Test
    void uploadThenTrialStreamsTheConsoleAndSurvivesAReload() {
        openFreshPage();
        String name = "Pagey " + UUID.randomUUID().toString().substring(0, 6);

        fillUpload("c-reactor.wasm", name, "pragmatist", "let-me-in");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("mowai-report .verdict.ok")));
        String id = browser.findElement(By.cssSelector("mowai-report .agent-id")).getText();
        given().get("/agents/" + id).then().statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo(name))
                .body("persona", org.hamcrest.Matchers.equalTo("pragmatist"));

        waiting().until(ExpectedConditions.textToBe(By.id("agent-state"), "active"));
        assertEquals("no arena", browser.findElement(By.id("arena-seat")).getText(), "this runner has no arena: only trials");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-console .console"), "init " + name));
        assertEquals("live", browser.findElement(By.id("console-link")).getDomProperty("textContent"));

        String task = "paperclip " + UUID.randomUUID().toString().substring(0, 8);
        browser.findElement(By.id("trial-task")).sendKeys(task);
        browser.findElement(By.cssSelector("mowai-trial button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-trial .answer"),
                name + " says: echo:"));
        assertTrue(browser.findElement(By.cssSelector("mowai-trial .answer")).getText().contains(task));
        assertEquals(name + " is thinking about: " + task,
                browser.findElement(By.cssSelector("mowai-trial .thoughts li")).getText());
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-console .console"), "task: " + task));
        // Besides the agent's own log line, the console shows what it did: the trial, its prompt, the thought, the answer.
        String answer = browser.findElement(By.cssSelector("mowai-trial .answer")).getText();
        waiting().until(ExpectedConditions.textToBe(By.cssSelector("mowai-console .line.src-answer .txt"), answer));
        assertEquals("trial: " + task, browser.findElement(By.cssSelector("mowai-console .line.src-task .txt")).getText());
        assertEquals("prompt: As pragmatist, answer: " + task,
                browser.findElement(By.cssSelector("mowai-console .line.src-llm .txt")).getText());
        assertEquals(name + " is thinking about: " + task,
                browser.findElement(By.cssSelector("mowai-console .line.src-thought .txt")).getText());
        waiting().until(ExpectedConditions.textToBe(
                By.xpath("//mowai-agent-status//div[span[text()='llm calls']]/b"), "1")); // the polled status

        // A reload keeps the agent: the token is in sessionStorage, the console replays its recent lines.
        browser.navigate().refresh();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-console .console"), "task: " + task));
        assertEquals(id, browser.findElement(By.cssSelector("mowai-report .agent-id")).getText());
        assertEquals(1, browser.findElements(By.xpath("//mowai-console//span[@class='txt' and text()='task: " + task + "']")).size(),
                "replayed lines are not shown twice");
    }

    @Test
    void anUploadedAgentIsReplacedInPlaceUntilTheParticipantAsksForANewOne() throws Exception {
        openFreshPage();
        String name = "Swappy " + UUID.randomUUID().toString().substring(0, 6);
        fillUpload("c-reactor.wasm", name, "contrarian", "let-me-in");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("mowai-report .verdict.ok")));
        String id = browser.findElement(By.cssSelector("mowai-report .agent-id")).getText();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-console .console"), "init " + name));
        int agents = given().get("/agents?scope=local").then().statusCode(200).extract().path("size()");
        Object infoBefore = given().get("/agents/" + id).then().extract().path("info");

        // Following an agent, the form replaces its component: no name, persona or join code to fill in.
        WebElement submit = browser.findElement(By.cssSelector("mowai-upload button[type=submit]"));
        assertEquals("Replace component", submit.getText());
        assertFalse(browser.findElement(By.id("upload-name")).isDisplayed(), "a hot swap keeps the name");
        browser.findElement(By.id("upload-wasm")).sendKeys(AGENTS.resolve("rust.wasm").toAbsolutePath().toString());
        submit.click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-report .verdict.ok"), "Component replaced"));
        assertEquals(id, browser.findElement(By.cssSelector("mowai-report .agent-id")).getText(), "the same agent");
        String sha = sha256(Files.readAllBytes(AGENTS.resolve("rust.wasm")));
        given().get("/agents/" + id).then().statusCode(200)
                .body("componentSha256", org.hamcrest.Matchers.equalTo(sha))
                .body("name", org.hamcrest.Matchers.equalTo(name))
                .body("persona", org.hamcrest.Matchers.equalTo("contrarian"));
        assertFalse(infoBefore.equals(given().get("/agents/" + id).then().extract().path("info")), "the new component's info");
        assertEquals(sha.substring(0, 12) + "…", browser.findElement(By.cssSelector("mowai-report .component-hash")).getText());
        assertEquals(agents, (int) given().get("/agents?scope=local").then().extract().path("size()"), "no second agent");
        // The console goes on (same stream, earlier lines kept) and says so.
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-console .console"), "component replaced"));
        assertTrue(browser.findElement(By.cssSelector("mowai-console .console")).getText().contains("init " + name));
        assertEquals("live", browser.findElement(By.id("console-link")).getDomProperty("textContent"));

        // Over the hot swaps per agent: the runner's 429 message and its Retry-After, in words.
        String token = (String) browser.executeScript("return JSON.parse(sessionStorage.getItem('mowai-agent')).token");
        int status = 0;
        for (int i = 0; i < 25 && status != 429; i++) {
            status = given().header("Authorization", "Bearer " + token).multiPart("wasm", "junk.wasm", "junk".getBytes())
                    .put("/agents/" + id + "/wasm").statusCode();
        }
        assertEquals(429, status, "the hot swap limit was reached");
        browser.findElement(By.cssSelector("mowai-upload button[type=submit]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-upload .status.bad"), "Try again in"));
        String refused = browser.findElement(By.cssSelector("mowai-upload .status.bad")).getText();
        assertTrue(refused.contains("too many hot swaps") && refused.matches("(?s).*Try again in \\d+ (second|minute)s?\\.$"), refused);
        given().get("/agents/" + id).then().body("componentSha256", org.hamcrest.Matchers.equalTo(sha));

        // The explicit way to a second agent.
        browser.findElement(By.id("upload-switch")).click();
        assertEquals("Upload and check", browser.findElement(By.cssSelector("mowai-upload button[type=submit]")).getText());
        fillUpload("c-reactor.wasm", name + " two", "pragmatist", "let-me-in");
        waiting().until(ExpectedConditions.not(ExpectedConditions.textToBe(By.cssSelector("mowai-report .agent-id"), id)));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("mowai-report .verdict.ok"), "Conforms"));
        String second = browser.findElement(By.cssSelector("mowai-report .agent-id")).getText();
        given().get("/agents/" + second).then().statusCode(200).body("name", org.hamcrest.Matchers.equalTo(name + " two"));
        given().get("/agents/" + id).then().statusCode(200);
        assertEquals("Replace component", browser.findElement(By.cssSelector("mowai-upload button[type=submit]")).getText(),
                "the page now follows the new agent");
    }

    static String sha256(byte[] bytes) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
