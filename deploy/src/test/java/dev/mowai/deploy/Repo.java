package dev.mowai.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository under test and of this module's scratch space. */
final class Repo {
    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("mowai.repo.root");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        return root.toAbsolutePath().normalize();
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + relative, e);
        }
    }

    /** A fresh directory under target/ (kept after the run for inspection). */
    static Path workDir(String name) throws IOException {
        String configured = System.getProperty("mowai.work.dir");
        Path base = configured != null ? Path.of(configured) : root().resolve("deploy/target/deploy-tests");
        Path dir = base.resolve(name);
        Files.createDirectories(dir);
        return dir;
    }
}
