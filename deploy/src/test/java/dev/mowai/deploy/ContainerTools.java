package dev.mowai.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * buildah and podman with their state under target/ (storage, run directory, configuration), so the tests
 * neither need nor touch the machine's container storage. runc is the runtime and ulimits are lowered, as
 * this machine's kernel and limits require (see the stack notes).
 */
final class ContainerTools {

    static final List<String> REQUIRED = List.of("buildah", "podman", "runc", "nsenter", "curl");

    private final Map<String, String> env;

    private ContainerTools(Map<String, String> env) {
        this.env = env;
    }

    /** Fails (never skips) when the tools are missing: `./mowai test` installs them. */
    static ContainerTools create() throws IOException {
        List<String> missing = REQUIRED.stream().filter(t -> !Commands.onPath(t)).toList();
        if (!missing.isEmpty()) {
            throw new AssertionError("missing " + missing + ": `./mowai test` installs them (APT_PACKAGES); "
                    + "to run without the image test pass -Dmowai.skipContainerTests=true");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new AssertionError("the image test runs podman as root (CI does); as another user pass "
                    + "-Dmowai.skipContainerTests=true");
        }
        Path dir = Repo.workDir("containers");
        Path storage = dir.resolve("storage");
        Path run = dir.resolve("run");
        Files.createDirectories(storage);
        Files.createDirectories(run);
        Path containersConf = dir.resolve("containers.conf");
        Files.writeString(containersConf, """
                [containers]
                default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
                [engine]
                runtime = "runc"
                """);
        Path storageConf = dir.resolve("storage.conf");
        Files.writeString(storageConf, """
                [storage]
                driver = "overlay"
                graphroot = "%s"
                runroot = "%s"
                """.formatted(storage, run));
        return new ContainerTools(Map.of("CONTAINERS_CONF", containersConf.toString(),
                "CONTAINERS_STORAGE_CONF", storageConf.toString()));
    }

    Commands.Result run(Duration timeout, String... command) {
        return Commands.run(timeout, env, Repo.root(), List.of(command));
    }

    Commands.Result run(Duration timeout, List<String> command) {
        return Commands.run(timeout, env, Repo.root(), command);
    }

    static final String BASE_IMAGE = "localhost/mowai/jre:25";
    private static boolean baseBuilt;

    /** deploy/base's slim Java 25 runtime, built once per test run from the JDK running these tests. */
    synchronized String localJreImage() {
        if (!baseBuilt) {
            long start = System.nanoTime();
            buildLocalJreImage(BASE_IMAGE);
            baseBuilt = true;
            log("built " + BASE_IMAGE, start);
        }
        return BASE_IMAGE;
    }

    /** Builds an image from a deploy/ Dockerfile with the host's prebuilt app on the local base. */
    String buildPrebuilt(String dockerfile, String image) {
        String base = localJreImage();
        long start = System.nanoTime();
        // The Dockerfile's own ignore file (what BuildKit would use), so a context it leaves short fails here.
        run(Duration.ofMinutes(4), "buildah", "bud", "--layers=false", "-f", dockerfile,
                "--ignorefile", dockerfile + ".dockerignore",
                "--build-arg", "APP_FROM=prebuilt", "--build-arg", "RUNTIME_IMAGE=" + base, "-t", image, ".").orFail();
        log("built " + image, start);
        return image;
    }

    /** Removes a test's containers, volume and image, and what buildah left behind. */
    void cleanUp(String container, String volume, String image) {
        run(Duration.ofMinutes(1), "podman", "rm", "-f", "-t", "2", container);
        run(Duration.ofMinutes(1), "podman", "volume", "rm", "-f", volume);
        run(Duration.ofMinutes(1), "podman", "rmi", "-f", image);
        // buildah 1.28 leaves a working container per "FROM <stage> AS app" stage; the storage is ours alone.
        run(Duration.ofMinutes(1), "buildah", "rm", "--all");
        run(Duration.ofMinutes(1), "buildah", "rmi", "--prune");
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void log(String what, long startNanos) {
        System.out.printf("[deploy-tests] %s in %.1f s%n", what, (System.nanoTime() - startNanos) / 1e9);
    }

    String buildLocalJreImage(String image) {
        List<String> command = new ArrayList<>(List.of(Repo.path("deploy/base/build-local-jre-image.sh").toString(), image));
        Map<String, String> withJdk = new java.util.HashMap<>(env);
        withJdk.put("JAVA_HOME", System.getProperty("java.home"));
        Commands.run(Duration.ofMinutes(3), withJdk, Repo.root(), command).orFail();
        return image;
    }
}
