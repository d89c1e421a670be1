package dev.mowai.arena.abuse;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged arena as a production-like process: the heap a 1 GiB container gives it
 * (deploy/arena-service.Dockerfile: MaxRAMPercentage=75) and ExitOnOutOfMemoryError, so an attack
 * that exhausts the heap ends the process as it would end the container.
 */
final class ArenaProcess implements AutoCloseable {

    static final String HEAP = "-Xmx768m";
    static final String SECRET = "abuse-secret";

    final Process process;
    final int port;
    final Path log;

    private ArenaProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ArenaProcess start(Path dataDir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, HEAP, "-XX:+ExitOnOutOfMemoryError",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port, "-Dmowai.data-dir=" + dataDir,
                "-Dmowai.admin-secret=" + SECRET,
                "-jar", System.getProperty("arena.jar", "target/quarkus-app/quarkus-run.jar")));
        Path log = dataDir.resolve("arena.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ArenaProcess arena = new ArenaProcess(p, port, log);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("arena exited: " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(arena.uri("/health")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return arena;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("arena did not start: " + Files.readString(log));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    /** Resident set size in KiB now ({@code VmRSS}) or at its peak so far ({@code VmHWM}). */
    long memoryKib(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // the process ended
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }
}
