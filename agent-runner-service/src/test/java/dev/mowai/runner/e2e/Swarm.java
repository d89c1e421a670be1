package dev.mowai.runner.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The three services as real processes on free ports: arena, gateway (echo backend, behind a
 * {@link RecordingProxy}) and this module's runner, all logging into a temp work directory.
 */
final class Swarm implements AutoCloseable {

    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path ROOT = MODULE.getParent();
    static final Path AGENTS = MODULE.resolve("target/test-agents");
    private static final Path ARENA_JAR = ROOT.resolve("arena-service/target/quarkus-app/quarkus-run.jar");
    private static final Path GATEWAY_JAR = ROOT.resolve("inference-gateway/target/quarkus-app/quarkus-run.jar");
    private static final Duration READY_WITHIN = Duration.ofMinutes(2);

    final Path work;
    ServiceProcess arena;
    ServiceProcess gateway;
    RecordingProxy proxy;
    private final Map<String, String> runnerEnv = new LinkedHashMap<>();
    private final List<String> runnerJvmFlags = new java.util.ArrayList<>();
    private int runnerPort;
    private ServiceProcess runner;

    /**
     * Skips the test when the arena or gateway jar is missing (a developer building the runner module
     * alone), but fails it in CI ({@code CI=true}), where a skip would hide a broken build.
     */
    static void requireServiceJars() {
        boolean built = Files.isRegularFile(ARENA_JAR) && Files.isRegularFile(GATEWAY_JAR);
        String why = "the arena and gateway jars are built by the full reactor build (mvn verify from the root): "
                + ARENA_JAR + ", " + GATEWAY_JAR;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.assertTrue(built, why);
        } else {
            Assumptions.assumeTrue(built, why);
        }
    }

    /**
     * Starts the swarm and waits until all three answer; {@code runnerEnv} adds to the runner's environment.
     * Whatever started is stopped again when a service does not come up.
     */
    static Swarm start(String adminSecret, Map<String, String> runnerEnv) throws Exception {
        return start(adminSecret, runnerEnv, List.of());
    }

    /** As above, with extra JVM flags for the runner (e.g. the production image's {@code -XX:+ExitOnOutOfMemoryError}). */
    static Swarm start(String adminSecret, Map<String, String> runnerEnv, List<String> runnerJvmFlags) throws Exception {
        requireServiceJars();
        Swarm swarm = new Swarm();
        swarm.runnerJvmFlags.addAll(runnerJvmFlags);
        try {
            swarm.begin(adminSecret, runnerEnv);
            return swarm;
        } catch (Exception | AssertionError e) {
            swarm.close();
            throw e;
        }
    }

    static final String AGENT_KEY = "e2e-arena-and-runner-key";
    static final String GATEWAY_KEY = "e2e-gateway-and-runner-key";
    /** The arena's own key with the gateway: its debate moderator's calls are signed with it. */
    static final String GATEWAY_ARENA_KEY = "e2e-gateway-and-arena-key";

    private Swarm() throws Exception {
        work = Files.createTempDirectory("mowai-e2e");
    }

    private void begin(String adminSecret, Map<String, String> extraRunnerEnv) throws Exception {
        int proxyPort = ServiceProcess.freePort();
        runnerPort = ServiceProcess.freePort();
        // The keys as ./mowai up shares them: the agents prove their ids to the arena and sign their host-llm calls;
        // the arena's moderator (a debate session's conclusion) signs its own, also through the recording proxy.
        arena = ServiceProcess.start("arena", ARENA_JAR, ServiceProcess.freePort(),
                Map.of("MOWAI_ADMIN_SECRET", adminSecret, "MOWAI_DATA_DIR", work.resolve("arena").toString(),
                        "MOWAI_AGENT_KEY", AGENT_KEY, "MOWAI_GATEWAY_URL", "http://127.0.0.1:" + proxyPort,
                        "MOWAI_GATEWAY_ARENA_KEY", GATEWAY_ARENA_KEY), List.of(), work);
        gateway = ServiceProcess.start("gateway", GATEWAY_JAR, ServiceProcess.freePort(),
                Map.of("MOWAI_LLM_BACKEND", "echo", "MOWAI_GATEWAY_KEY", GATEWAY_KEY,
                        "MOWAI_GATEWAY_ARENA_KEY", GATEWAY_ARENA_KEY), List.of(), work);
        proxy = new RecordingProxy(proxyPort, gateway.base());
        runnerEnv.put("MOWAI_ARENA_URL", "ws://127.0.0.1:" + arena.port);
        runnerEnv.put("MOWAI_GATEWAY_URL", "http://127.0.0.1:" + proxyPort);
        runnerEnv.put("MOWAI_DATA_DIR", work.resolve("runner").toString());
        runnerEnv.put("MOWAI_PERSONAS_DIR", ROOT.resolve("personas").toString());
        runnerEnv.put("MOWAI_AGENT_KEY", AGENT_KEY);
        runnerEnv.put("MOWAI_GATEWAY_KEY", GATEWAY_KEY);
        runnerEnv.putAll(extraRunnerEnv);
        arena.awaitOk("/health", READY_WITHIN);
        gateway.awaitOk("/q/health/live", READY_WITHIN);
        startRunner();
    }

    ServiceProcess runner() {
        return runner;
    }

    /** SIGTERM the runner and start it again on the same port with the same data directory. */
    void restartRunner() throws Exception {
        restartRunner(Map.of());
    }

    /** As {@link #restartRunner()}, with {@code envChanges} added to the runner's environment from now on. */
    void restartRunner(Map<String, String> envChanges) throws Exception {
        runner.stop();
        runnerEnv.putAll(envChanges);
        startRunner();
    }

    private void startRunner() throws Exception {
        List<String> flags = new java.util.ArrayList<>(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                "--upgrade-module-path=" + MODULE.resolve("target/jit")));
        flags.addAll(runnerJvmFlags);
        runner = ServiceProcess.start("runner", MODULE.resolve("target/quarkus-app/quarkus-run.jar"), runnerPort, runnerEnv,
                flags, work);
        runner.awaitOk("/q/health/live", READY_WITHIN);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {runner, proxy, gateway, arena}) {
            if (c != null) {
                c.close();
            }
        }
    }
}
