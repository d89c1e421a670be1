package dev.mowai.runner.component.link;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real agent components built by src/test/agents/build-test-agents.sh into target/test-agents. */
final class TestAgents {
    /** Overridable with -Dmowai.test-agents=DIR (to run against a stable copy while rebuilding). */
    static final Path DIR = Path.of(System.getProperty("mowai.test-agents", "target/test-agents"));

    private TestAgents() {
    }

    /** The component's bytes; skips the test only when the build script recorded it as skipped (missing toolchain). */
    static byte[] load(String name) {
        Path file = DIR.resolve(name);
        try {
            Path skipped = DIR.resolve("SKIPPED.txt");
            assumeFalse(!Files.exists(file) && Files.exists(skipped) && Files.readString(skipped).contains(name),
                    name + " was not built (toolchain missing, see " + skipped + ")");
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("test agent " + file + " missing: run the Maven build "
                    + "(generate-test-resources builds it)", e);
        }
    }
}
