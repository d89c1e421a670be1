package dev.mowai.runner.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.runner.fixtures.TestAgents;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The participant templates: every template carries the world unchanged, and the js and c templates,
 * built from scratch the way a participant builds them (build-test-agents.sh: `./mowai init`,
 * `npm ci`, `./build.sh`), run as documented in their sources.
 */
class TemplatesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String PEER = "0a1b2c3d-0000-4000-8000-000000000000";
    static final String LONG_THOUGHT = "We should rent a large hall with charging stations for everyone";

    @ParameterizedTest
    @ValueSource(strings = {"js", "c", "rust", "go"})
    void everyTemplateCarriesTheWorldUnchanged(String lang) throws Exception {
        Path template = ROOT.resolve("templates").resolve(lang);
        assertEquals(Files.readString(ROOT.resolve("wit/agent.wit")), Files.readString(template.resolve("wit/agent.wit")),
                lang + ": wit/agent.wit differs from the repository's");
        for (String file : List.of("mowai.config.json", "build.sh", "setup.sh", "Dockerfile", "README.md")) {
            assertTrue(Files.isRegularFile(template.resolve(file)), lang + " lacks " + file);
        }
        JsonNode config = new ObjectMapper().readTree(template.resolve("mowai.config.json").toFile());
        for (String field : List.of("name", "color", "persona", "runner")) {
            assertTrue(config.hasNonNull(field), lang + ": mowai.config.json lacks " + field);
        }
        assertTrue(Files.isDirectory(ROOT.resolve("personas").resolve(config.get("persona").asText())),
                lang + ": unknown persona " + config.get("persona"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"template-c", "template-js"})
    void aBuiltTemplateUsesEveryImportAndReactsAsItsPersona(String fixture) throws Exception {
        JsonNode run = run(fixture, "--task", "Plan a picnic for 40 robots 🌍", "--name", "Tess",
                "--color", "#123456", "--persona", "contrarian", "--peer", PEER + "=" + LONG_THOUGHT,
                "--peer", PEER + "=too short to react to");

        assertEquals("Tess", run.at("/info/name").asText());
        assertEquals("0.1.0", run.at("/info/version").asText());
        assertEquals("#123456", run.at("/info/color").asText());
        assertEquals("contrarian", run.at("/info/persona").asText());

        List<String> prompts = texts(run.get("llmPrompts"));
        assertEquals(3, prompts.size(), "one reaction, then plan and answer: " + prompts);
        assertTrue(prompts.get(0).startsWith("What would have to be true for"), prompts.get(0));
        assertTrue(prompts.get(0).contains(LONG_THOUGHT), prompts.get(0));
        assertEquals("Task: Plan a picnic for 40 robots 🌍\nIn two sentences, how will you approach it?", prompts.get(1));

        List<String> thoughts = texts(run.get("broadcasts"));
        assertEquals(List.of("↪ echo: " + prompts.get(0), "echo: " + prompts.get(1)), thoughts);
        assertEquals("echo: " + prompts.get(2), run.get("result").asText());

        List<String> logs = texts(run.get("logs").findValues("message"));
        assertTrue(logs.stream().anyMatch(l -> l.startsWith("Tess") && l.contains("ready")), logs.toString());
        assertTrue(logs.stream().anyMatch(l -> l.contains("answered in")), "now-ms is used: " + logs);
    }

    static JsonNode run(String fixture, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", TestAgents.path(fixture).toString(), "--timeout-ms", "120000"));
        args.addAll(List.of(options));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new AgentCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args.toArray(String[]::new));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    static List<String> texts(Iterable<JsonNode> nodes) {
        List<String> texts = new ArrayList<>();
        nodes.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    @Test
    void theJsTemplatePinsTheToolchainItsBuildNeeds() throws Exception {
        JsonNode deps = new ObjectMapper().readTree(ROOT.resolve("templates/js/package.json").toFile()).get("devDependencies");
        // componentize-js imports preview2-shim without declaring it: the template must pin it itself
        for (String pkg : List.of("@bytecodealliance/componentize-js", "@bytecodealliance/jco", "@bytecodealliance/preview2-shim")) {
            assertTrue(deps.hasNonNull(pkg) && deps.get(pkg).asText().matches("\\d+\\.\\d+\\.\\d+"), pkg + " pinned: " + deps);
        }
    }
}
