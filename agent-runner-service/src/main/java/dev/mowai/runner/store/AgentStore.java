package dev.mowai.runner.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The runner's data directory:
 * <pre>
 *   components/&lt;sha256&gt;.wasm   uploaded components, content-addressed (one copy per distinct binary)
 *   agents/&lt;id&gt;.json          one record per agent (identity, config, token hash, component hash)
 *   tmp/                       files being written
 * </pre>
 * Every file is written to {@code tmp/}, flushed to disk and renamed into place atomically. An agent
 * exists once its record is in {@code agents/}; the record is written last, so a crash at any point
 * of an upload leaves either the whole agent or no agent (at worst an unreferenced component, which
 * {@link #collectGarbage} removes).
 */
public final class AgentStore {

    private static final Pattern HASH = Pattern.compile("^[0-9a-f]{64}$");
    private static final Pattern ID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

    private final Path components;
    private final Path agents;
    private final Path tmp;
    private final ObjectMapper json = new ObjectMapper();

    /** Result of reading the data directory: the usable agents and a line per file that was not. */
    public record Restored(List<StoredAgent> agents, List<String> problems) {
    }

    public AgentStore(Path dataDir) {
        this.components = dataDir.resolve("components");
        this.agents = dataDir.resolve("agents");
        this.tmp = dataDir.resolve("tmp");
        try {
            Files.createDirectories(components);
            Files.createDirectories(agents);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir.toAbsolutePath(), e);
        }
    }

    /** Stores the bytes (if not already there) and returns their SHA-256, the component's name. */
    public String putComponent(byte[] wasm) {
        String hash = Tokens.sha256(wasm);
        Path target = components.resolve(hash + ".wasm");
        if (!Files.exists(target)) {
            writeAtomically(target, wasm);
        }
        return hash;
    }

    /** The component's bytes, checked against their hash: a damaged file is reported, never run. */
    public byte[] readComponent(String hash) {
        if (!HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("not a component hash: " + hash);
        }
        try {
            byte[] bytes = Files.readAllBytes(components.resolve(hash + ".wasm"));
            if (!Tokens.sha256(bytes).equals(hash)) {
                throw new IOException("component " + hash + " is damaged (its content no longer matches its hash)");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(new IOException("component " + hash + " is missing from the data directory", e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void save(StoredAgent agent) {
        requireId(agent.id());
        try {
            writeAtomically(agents.resolve(agent.id() + ".json"), json.writeValueAsBytes(agent));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String id) {
        requireId(id);
        try {
            Files.deleteIfExists(agents.resolve(id + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Restored loadAll() {
        List<StoredAgent> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(agents, "*.json")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                try {
                    StoredAgent agent = json.readValue(file.toFile(), StoredAgent.class);
                    if (!(agent.id() + ".json").equals(name) || agent.componentHash() == null
                            || !HASH.matcher(agent.componentHash()).matches() || agent.tokenHash() == null) {
                        problems.add(name + ": record is inconsistent (id, component hash or token hash)");
                        continue;
                    }
                    found.add(agent);
                } catch (IOException e) {
                    problems.add(name + ": unreadable record: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(java.util.Comparator.comparingLong(StoredAgent::createdAt).thenComparing(StoredAgent::id));
        return new Restored(found, problems);
    }

    /** Removes leftovers of interrupted writes and components no agent refers to; returns how many files went. */
    public int collectGarbage() {
        Set<String> referenced = new HashSet<>();
        for (StoredAgent agent : loadAll().agents()) {
            referenced.add(agent.componentHash() + ".wasm");
        }
        int removed = 0;
        try {
            removed += deleteMatching(tmp, f -> true);
            removed += deleteMatching(components, f -> !referenced.contains(f.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    private static int deleteMatching(Path dir, java.util.function.Predicate<Path> which) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (which.test(f) && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private void writeAtomically(Path target, byte[] bytes) {
        Path part = tmp.resolve(UUID.randomUUID() + ".part");
        try {
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // the garbage collection at the next start removes it
            }
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private static void requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not an agent id: " + id);
        }
    }
}
