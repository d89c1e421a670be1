package dev.mowai.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The runner image keeps GraalWasm fast: with the entrypoint's JVMCI flags and the Graal compiler jars from the
 * runner's build, Truffle picks its optimizing runtime (not the interpreter-only fallback) in the image's JVM;
 * and the runner starts in the hardened container (read-only root, non-root, no capabilities, data volume).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnerImageTest {

    private static final String IMAGE = "localhost/mowai/agent-runner-service:deploy-test";
    /** What Truffle prints when it can only interpret guest code. */
    private static final String FALLBACK_WARNING = "does not support runtime compilation";

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String container = "mowai-runner-test-" + suffix;
    private final String volume = "mowai-runner-data-" + suffix;
    private ContainerTools tools;

    @BeforeAll
    void build() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("mowai.skipContainerTests"),
                "image test skipped on request (-Dmowai.skipContainerTests=true)");
        for (String needed : List.of("agent-runner-service/target/quarkus-app/quarkus-run.jar",
                "agent-runner-service/target/jit", "personas")) {
            if (!Files.exists(Repo.path(needed))) {
                throw new AssertionError(needed + " is missing: package the runner first "
                        + "(./mvnw -pl agent-runner-service package -DskipTests); the full build does it before this module");
            }
        }
        tools = ContainerTools.create();
        tools.buildPrebuilt("deploy/agent-runner-service.Dockerfile", IMAGE);
    }

    @AfterAll
    void stop() {
        if (tools != null) {
            tools.cleanUp(container, volume, IMAGE);
        }
    }

    @Test
    void graalWasmGetsTheOptimizingRuntimeInTheImage() {
        // The image's JVM, JIT jars and flags, with the app's polyglot jars: which runtime does Truffle pick?
        String classes = Repo.path("deploy/target/test-classes").toString();
        List<String> command = new ArrayList<>(List.of("podman", "run", "--rm", "--read-only", "--tmpfs", "/tmp",
                "-v", classes + ":/check:ro", "--entrypoint", "java", IMAGE));
        command.addAll(entrypointJvmOptions());
        command.addAll(List.of("-cp", "/check:/deployments/lib/boot/*:/deployments/lib/main/*", JitCheck.class.getName()));
        String output = tools.run(Duration.ofMinutes(2), command).orFail().output();
        assertTrue(output.contains("polyglot runtime: "), output);
        assertFalse(output.contains("polyglot runtime: Interpreted") || output.contains(FALLBACK_WARNING),
                "GraalWasm would only interpret agents in this image:\n" + output);
    }

    @Test
    void theRunnerStartsHardened() throws Exception {
        int port = ContainerTools.freePort();
        long start = System.nanoTime();
        tools.run(Duration.ofMinutes(1), List.of("podman", "run", "-d", "--name", container, "--read-only",
                "--tmpfs", "/tmp:rw,size=256m", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
                "-v", volume + ":/data", "-p", "127.0.0.1:" + port + ":8081", IMAGE)).orFail();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live"))
                .timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int status = -1;
        while (System.nanoTime() < deadline && status != 200) {
            try {
                status = http.send(live, HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (IOException e) {
                Thread.sleep(500);
            }
        }
        String logs = tools.run(Duration.ofSeconds(30), "podman", "logs", container).output();
        assertEquals(200, status, "the runner container did not come up:\n" + logs);
        ContainerTools.log("runner container live", start);
    }

    /** The JVM options of the Dockerfile's ENTRYPOINT (everything between "java" and "-jar"). */
    static List<String> entrypointJvmOptions() {
        String dockerfile = Repo.read("deploy/agent-runner-service.Dockerfile");
        java.util.regex.Matcher entrypoint = java.util.regex.Pattern.compile("ENTRYPOINT \\[(.*?)]", java.util.regex.Pattern.DOTALL)
                .matcher(dockerfile);
        assertTrue(entrypoint.find(), "no ENTRYPOINT in the runner's Dockerfile");
        List<String> words = new ArrayList<>();
        java.util.regex.Matcher word = java.util.regex.Pattern.compile("\"([^\"]*)\"").matcher(entrypoint.group(1));
        while (word.find()) {
            words.add(word.group(1));
        }
        assertEquals("java", words.get(0), "entrypoint " + words);
        int jar = words.indexOf("-jar");
        assertTrue(jar > 0, "entrypoint " + words);
        List<String> options = words.subList(1, jar);
        for (String flag : List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                "--upgrade-module-path=/deployments/jit")) {
            assertTrue(options.contains(flag), "entrypoint lacks " + flag);
        }
        return List.copyOf(options);
    }
}
