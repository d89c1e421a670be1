package dev.mowai.arena.session;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sessions on disk, one {@code <data-dir>/sessions/<id>.json} each, replaced atomically on every change,
 * so that a restarted arena finds each session in the round it was in.
 */
public final class SessionStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Path dir;

    public SessionStore(Path dataDir) throws IOException {
        this.dir = Files.createDirectories(dataDir.resolve("sessions"));
    }

    public Path dir() {
        return dir;
    }

    public void save(Debate d) throws IOException {
        Path tmp = dir.resolve(d.id() + ".json.tmp");
        Files.write(tmp, JSON.writeValueAsBytes(d));
        Files.move(tmp, dir.resolve(d.id() + ".json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Every stored session, oldest first; unreadable files are reported in {@code damaged}. */
    public Loaded load() throws IOException {
        List<Debate> all = new ArrayList<>();
        List<Path> damaged = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                try {
                    all.add(JSON.readValue(p.toFile(), Debate.class));
                } catch (IOException e) {
                    damaged.add(p);
                }
            }
        }
        all.sort((a, b) -> Long.compare(a.createdAt(), b.createdAt()));
        return new Loaded(all, damaged);
    }

    public record Loaded(List<Debate> sessions, List<Path> damaged) {
    }
}
