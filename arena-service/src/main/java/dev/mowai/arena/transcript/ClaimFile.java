package dev.mowai.arena.transcript;

import dev.mowai.arena.protocol.ProtocolParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code <data-dir>/claimed-agents.txt}: the agent ids that joined with a valid credential, one per line, so
 * that a restarted arena still refuses them to connections that cannot prove them. Only the key's holders add
 * lines (one per agent, ever), so the file stays as small as the runners' agent lists. Lines that are not a
 * UUID v4 (a torn last line) are skipped.
 */
public final class ClaimFile {

    public static final String FILE_NAME = "claimed-agents.txt";

    private final Path file;
    private final Set<String> loaded;

    private ClaimFile(Path file, Set<String> loaded) {
        this.file = file;
        this.loaded = loaded;
    }

    public static ClaimFile open(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        Set<String> ids = new LinkedHashSet<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (ProtocolParser.isUuidV4(line.strip())) {
                    ids.add(line.strip());
                }
            }
        }
        return new ClaimFile(file, ids);
    }

    public Path file() {
        return file;
    }

    /** The claims read at open. */
    public Set<String> loaded() {
        return Set.copyOf(loaded);
    }

    /** Appends a claim and forces it to disk: it is written before the agent's ARENA_ACK goes out. */
    public synchronized void add(String agentId) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            // A torn line from a crash ends here, so the new id starts a line of its own.
            ByteBuffer buf = StandardCharsets.UTF_8.encode("\n" + agentId + "\n");
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
        }
    }
}
