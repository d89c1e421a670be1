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
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
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
 * of an upload leaves either the whole agent or no agent (at worst an unreferenced component).
 *
 * <p>{@link #collectGarbage} never removes what a request may still use: a component is removed only
 * when no record refers to it (a record that cannot be read still counts when its component hash can
 * be found in it) and it was neither written nor stored again within the orphan grace period (an
 * upload writes its component before its record); a file in {@code tmp/} only when it is older than
 * the grace period too. Writing components and collecting garbage take the store's lock, so that a
 * component stored again is never removed between its check and its use.
 *
 * <p>Before each write the free space is checked ({@link Settings#freeBytes}): below
 * {@link Settings#minFreeBytes} (plus the bytes to write) the write is refused with {@link StoreFull},
 * and so is a write the file system refuses for lack of space.
 */
public final class AgentStore {

    /** How the store guards its data; {@link #defaults} for a real directory. */
    public record Settings(Duration orphanGrace, long minFreeBytes, LongSupplier clock, LongSupplier freeBytes) {

        public static Settings defaults(Path dataDir) {
            return new Settings(Duration.ofHours(24), 64L << 20, System::currentTimeMillis, () -> usableSpace(dataDir));
        }

        public Settings withGrace(Duration grace, long minFree) {
            return new Settings(grace, minFree, clock, freeBytes);
        }
    }

    private static final String REPAIR = "; the agent is skipped and the file left as it is: repair it (its component"
            + " stays in components/ for mowai.store.orphan-grace) and restart the runner";
    private static final Pattern HASH = Pattern.compile("^[0-9a-f]{64}$");
    private static final Pattern HASH_IN_RECORD = Pattern.compile("\"componentHash\"\\s*:\\s*\"([0-9a-f]{64})\"");
    private static final Pattern ID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

    private final Path components;
    private final Path agents;
    private final Path tmp;
    private final ObjectMapper json = new ObjectMapper();
    private final Settings settings;
    private final Object lock = new Object();

    /** Result of reading the data directory: the usable agents and a line per file that was not. */
    public record Restored(List<StoredAgent> agents, List<String> problems) {
    }

    public AgentStore(Path dataDir) {
        this(dataDir, Settings.defaults(dataDir));
    }

    public AgentStore(Path dataDir, Settings settings) {
        this.settings = settings;
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

    /**
     * Stores the bytes (if not already there) and returns their SHA-256, the component's name. A
     * component already there starts its grace period again, so garbage collection leaves it to the
     * record that is about to refer to it.
     */
    public String putComponent(byte[] wasm) {
        String hash = Tokens.sha256(wasm);
        Path target = components.resolve(hash + ".wasm");
        synchronized (lock) {
            if (Files.exists(target)) {
                try {
                    Files.setLastModifiedTime(target, FileTime.fromMillis(settings.clock().getAsLong()));
                    return hash;
                } catch (IOException e) {
                    // gone meanwhile (removed by hand): write it again
                }
            }
            writeAtomically(target, wasm);
            try {
                Files.setLastModifiedTime(target, FileTime.fromMillis(settings.clock().getAsLong()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target, e);
            }
        }
        return hash;
    }

    /** Whether the data directory has less free space than {@code min-free-bytes}: readiness is DOWN then. */
    public boolean low() {
        return settings.freeBytes().getAsLong() < settings.minFreeBytes();
    }

    /** Free bytes in the data directory, as the last probe saw them. */
    public long freeBytes() {
        return settings.freeBytes().getAsLong();
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
                        problems.add(name + ": record is inconsistent (id, component hash or token hash)" + REPAIR);
                        continue;
                    }
                    found.add(agent);
                } catch (IOException e) {
                    problems.add(name + ": unreadable record: " + e.getMessage() + REPAIR);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(java.util.Comparator.comparingLong(StoredAgent::createdAt).thenComparing(StoredAgent::id));
        return new Restored(found, problems);
    }

    /**
     * Removes leftovers of interrupted writes and components no agent refers to, once they are older
     * than the orphan grace period; returns how many files went.
     */
    public int collectGarbage() {
        synchronized (lock) {
            Set<String> referenced = referencedComponents();
            long before = settings.clock().getAsLong() - settings.orphanGrace().toMillis();
            int removed = 0;
            try {
                removed += deleteMatching(tmp, f -> olderThan(f, before));
                removed += deleteMatching(components, f -> !referenced.contains(f.getFileName().toString()) && olderThan(f, before));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return removed;
        }
    }

    /** Components named by a record, even by one that no longer parses (so that it can still be repaired). */
    private Set<String> referencedComponents() {
        Set<String> referenced = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(agents, "*.json")) {
            for (Path file : files) {
                try {
                    Matcher m = HASH_IN_RECORD.matcher(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1));
                    while (m.find()) {
                        referenced.add(m.group(1) + ".wasm");
                    }
                } catch (IOException e) {
                    // removed meanwhile (a delete)
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return referenced;
    }

    private static boolean olderThan(Path f, long millis) {
        try {
            return Files.getLastModifiedTime(f).toMillis() < millis;
        } catch (IOException e) {
            return false;
        }
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

    private static long usableSpace(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private void requireSpace(Path target, int bytes) {
        long free = settings.freeBytes().getAsLong();
        if (free - bytes < settings.minFreeBytes()) {
            throw new StoreFull("disk full: " + free + " bytes free in the data directory, " + bytes + " to write for "
                    + target.getFileName() + " and " + settings.minFreeBytes() + " kept free (mowai.store.min-free-bytes)");
        }
    }

    private void writeAtomically(Path target, byte[] bytes) {
        requireSpace(target, bytes.length);
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
                // the garbage collection removes it after the grace period
            }
            if (noSpace(e)) {
                throw new StoreFull("disk full: cannot write " + target.getFileName() + ": " + e.getMessage());
            }
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private static boolean noSpace(IOException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("No space left") || m.contains("Disk quota exceeded");
    }

    private static void requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not an agent id: " + id);
        }
    }
}
