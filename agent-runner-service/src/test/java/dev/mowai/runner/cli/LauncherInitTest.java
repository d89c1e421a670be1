package dev.mowai.runner.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ./mowai init}: a project a participant can build, commit and submit straight away. */
class LauncherInitTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    record Run(int status, String output) {}

    static Run mowai(Path cwd, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", ROOT.resolve("mowai").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), output);
        return new Run(p.exitValue(), output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "c", "rust", "go"})
    void aNewProjectHasItsOwnNameAndColourTheWorldAndKeepsItsTokenOutOfGit(String lang, @TempDir Path cwd) throws Exception {
        Run run = mowai(cwd, "init", lang, "my-agent"); // relative to where it is run

        assertEquals(0, run.status(), run.output());
        Path project = cwd.resolve("my-agent");
        JsonNode config = new ObjectMapper().readTree(project.resolve("mowai.config.json").toFile());
        String name = config.get("name").asText();
        assertTrue(name.matches("[a-z]+-[a-z]+"), name);
        assertTrue(config.get("color").asText().matches("#[0-9a-f]{6}"), config.toString());
        assertTrue(run.output().contains("created my-agent: a " + lang + " agent named " + name), run.output());
        assertEquals(Files.readString(ROOT.resolve("wit/agent.wit")), Files.readString(project.resolve("wit/agent.wit")));
        assertTrue(Files.isExecutable(project.resolve("build.sh")) && Files.isExecutable(project.resolve("setup.sh")));
        assertTrue(Files.readAllLines(project.resolve(".gitignore")).contains(".mowai-agent.json"), "the token file is git-ignored");
        assertTrue(Files.readAllLines(project.resolve(".dockerignore")).contains(".mowai-agent.json"), "and kept out of images");
        assertFalse(Files.exists(project.resolve("node_modules")), "installed tools are not copied");
    }

    @Test
    void itRefusesToOverwriteAndNamesTheTemplates(@TempDir Path cwd) throws Exception {
        Files.writeString(Files.createDirectories(cwd.resolve("taken")).resolve("notes.txt"), "mine");

        Run taken = mowai(cwd, "init", "js", "taken");
        assertNotEquals(0, taken.status());
        assertTrue(taken.output().contains("taken exists and is not empty"), taken.output());
        assertEquals("mine", Files.readString(cwd.resolve("taken/notes.txt")));

        Run unknown = mowai(cwd, "init", "cobol", "x");
        assertNotEquals(0, unknown.status());
        assertTrue(unknown.output().contains("unknown template 'cobol'; choose one of: c go js rust"), unknown.output());

        Run usage = mowai(cwd, "init");
        assertNotEquals(0, usage.status());
        assertTrue(usage.output().contains("usage: ./mowai init <c|go|js|rust> DIR"), usage.output());
    }
}
