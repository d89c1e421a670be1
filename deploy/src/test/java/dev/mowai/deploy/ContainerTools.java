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

    /** Builds deploy/base's slim Java 25 runtime from the JDK running these tests. */
    String buildLocalJreImage(String image) {
        List<String> command = new ArrayList<>(List.of(Repo.path("deploy/base/build-local-jre-image.sh").toString(), image));
        Map<String, String> withJdk = new java.util.HashMap<>(env);
        withJdk.put("JAVA_HOME", System.getProperty("java.home"));
        Commands.run(Duration.ofMinutes(3), withJdk, Repo.root(), command).orFail();
        return image;
    }
}
