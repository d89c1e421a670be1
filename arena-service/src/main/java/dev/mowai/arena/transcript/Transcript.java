package dev.mowai.arena.transcript;

import dev.mowai.arena.core.Relay;
import dev.mowai.arena.protocol.ArenaEvent;
import dev.mowai.arena.protocol.EventReader;
import dev.mowai.arena.protocol.MessageType;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arena's append-only log: one JSON event per line in {@code <data-dir>/transcript.jsonl}.
 * Each event is handed to the operating system before it is fanned out, so a crash of the service
 * loses nothing that anyone has seen. (No fsync per event: a power cut may lose the last moments.)
 */
public final class Transcript implements Closeable {

    public static final String FILE_NAME = "transcript.jsonl";

    private final Path file;
    private final FileChannel channel;

    private Transcript(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** What a restart recovers from the log. */
    public record Recovered(long lastSeq, List<ArenaEvent> recentEvents, List<ArenaEvent> recentTasks,
            List<Relay.Orphan> orphans, int damagedLines) {
    }

    /** Opens (creating if needed) the log for appending; a torn last line is terminated first. */
    public static Transcript open(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        if (endsTorn(file)) {
            ch.write(ByteBuffer.wrap(new byte[] {'\n'}));
        }
        return new Transcript(file, ch);
    }

    public Path file() {
        return file;
    }

    public synchronized void append(String json) throws IOException {
        ByteBuffer buf = StandardCharsets.UTF_8.encode(json + "\n");
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    /** Reads the whole log, keeping only the tail the arena needs in memory. */
    public static Recovered recover(Path dataDir, int keepEvents, int keepTasks) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return new Recovered(0, List.of(), List.of(), List.of(), 0);
        }
        long lastSeq = 0;
        int damaged = 0;
        ArrayDeque<ArenaEvent> events = new ArrayDeque<>();
        ArrayDeque<ArenaEvent> tasks = new ArrayDeque<>();
        Map<String, Relay.Orphan> present = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                var stored = EventReader.read(line);
                if (stored.isEmpty() || stored.get().event().arenaSeq() <= lastSeq) {
                    damaged++;
                    continue;
                }
                ArenaEvent e = stored.get().event();
                lastSeq = e.arenaSeq();
                push(events, e, keepEvents);
                if (e.type() == MessageType.GLOBAL_TASK) {
                    push(tasks, e, keepTasks);
                } else if (e.type() == MessageType.AGENT_CONNECT) {
                    present.put(e.agentId(), new Relay.Orphan(e.agentId(), stored.get().slot(), stored.get().name()));
                } else if (e.type() == MessageType.AGENT_DISCONNECT) {
                    present.remove(e.agentId());
                }
            }
        }
        return new Recovered(lastSeq, List.copyOf(events), List.copyOf(tasks), new ArrayList<>(present.values()),
                damaged);
    }

    private static void push(ArrayDeque<ArenaEvent> q, ArenaEvent e, int keep) {
        q.addLast(e);
        while (q.size() > keep) {
            q.removeFirst();
        }
    }

    private static boolean endsTorn(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long len = raf.length();
            if (len == 0) {
                return false;
            }
            raf.seek(len - 1);
            return raf.read() != '\n';
        }
    }
}
