package dev.mowai.arena.transcript;

import dev.mowai.arena.core.Relay;
import dev.mowai.arena.core.TranscriptPolicy;
import dev.mowai.arena.core.TranscriptState;
import dev.mowai.arena.protocol.ArenaEvent;
import dev.mowai.arena.protocol.EventReader;
import dev.mowai.arena.protocol.MessageType;
import dev.mowai.arena.session.Debate;
import dev.mowai.arena.session.SessionRecord;
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
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The arena's append-only log: one JSON event per line in {@code <data-dir>/transcript.jsonl}.
 * Each event is handed to the operating system before it is fanned out, so a crash of the service
 * loses nothing anyone has seen; {@link TranscriptPolicy} says when lines are also forced to disk
 * and when the file is rotated.
 *
 * <p>Debate sessions live here too, as lines of their own ({@link SessionLines}: no arenaSeq, never
 * sent to anyone), so a restarted arena finds each session in the round it was in.
 *
 * <p>Rotation compacts: the new file starts with the events that rebuild the restart state (recent
 * events, recent tasks, joins of agents still present; see {@link TranscriptState#head()}) and a
 * snapshot of each session kept, so a restart reads only the active file. The head is written to {@code transcript.jsonl.next} and forced
 * before any file is renamed; a crash between the renames leaves that complete file, which
 * {@link #open} puts in place.
 */
public final class Transcript implements Closeable {

    public static final String FILE_NAME = "transcript.jsonl";
    static final String NEXT_NAME = FILE_NAME + ".next";

    private final Path dir;
    private final Path file;
    private final TranscriptPolicy policy;
    private final LongSupplier clock;
    private final TranscriptState state;
    private final int damagedLines;
    private FileChannel channel;
    private long bytes;
    private long headBytes;
    private long lastSync;
    private boolean pending;
    private int rotations;

    private Transcript(Path dir, TranscriptPolicy policy, LongSupplier clock, TranscriptState state, int damagedLines)
            throws IOException {
        this.dir = dir;
        this.file = dir.resolve(FILE_NAME);
        this.policy = policy;
        this.clock = clock;
        this.state = state;
        this.damagedLines = damagedLines;
        this.channel = appendTo(file);
        this.bytes = channel.size();
        this.lastSync = clock.getAsLong();
    }

    /** What a restart recovers from the log. */
    public record Recovered(long lastSeq, List<ArenaEvent> recentEvents, List<ArenaEvent> recentTasks,
            List<Relay.Orphan> orphans, List<Debate> sessions, int damagedLines) {
    }

    /**
     * Opens (creating if needed) the log for appending after reading back its state, keeping
     * {@code keepEvents} recent events and {@code keepTasks} recent tasks, and across rotations the running
     * sessions and {@code keepSessions} finished ones. A torn last line is terminated first; a rotation cut
     * short by a crash is finished.
     */
    public static Transcript open(Path dataDir, TranscriptPolicy policy, int keepEvents, int keepTasks, int keepSessions,
            LongSupplier clock) throws IOException {
        Files.createDirectories(dataDir);
        finishInterruptedRotation(dataDir);
        TranscriptState state = new TranscriptState(keepEvents, keepTasks, keepSessions);
        int damaged = fold(dataDir.resolve(FILE_NAME), state);
        return new Transcript(dataDir, policy, clock, state, damaged);
    }

    public Path file() {
        return file;
    }

    public synchronized Recovered recovered() {
        return new Recovered(state.lastSeq(), state.recentEvents(), state.recentTasks(), state.orphans(), state.sessions(),
                damagedLines);
    }

    /** Rotations since this transcript was opened. */
    public synchronized int rotations() {
        return rotations;
    }

    public synchronized void append(ArenaEvent event) throws IOException {
        written(event.json());
        state.apply(stored(event));
        if (policy.rotate(bytes, headBytes)) rotate();
    }

    /** Records a change of a debate session, as durable as an event. */
    public synchronized void append(SessionRecord record) throws IOException {
        written(SessionLines.line(record));
        state.apply(record);
        if (policy.rotate(bytes, headBytes)) rotate();
    }

    private void written(String line) throws IOException {
        bytes += write(channel, line);
        pending = true;
        long now = clock.getAsLong();
        if (policy.syncAfterAppend(now, lastSync)) sync(now);
    }

    /** Called periodically: forces pending lines once the policy's interval has passed. */
    public synchronized void tick() throws IOException {
        long now = clock.getAsLong();
        if (policy.syncOnTick(now, lastSync, pending)) sync(now);
    }

    @Override
    public synchronized void close() throws IOException {
        if (pending && policy.sync() != TranscriptPolicy.Sync.NEVER) channel.force(false);
        channel.close();
    }

    private static int write(FileChannel ch, String json) throws IOException {
        ByteBuffer buf = StandardCharsets.UTF_8.encode(json + "\n");
        int n = buf.remaining();
        while (buf.hasRemaining()) ch.write(buf);
        return n;
    }

    private void sync(long now) throws IOException {
        channel.force(false);
        lastSync = now;
        pending = false;
    }

    private void rotate() throws IOException {
        Path next = dir.resolve(NEXT_NAME);
        long written = 0;
        try (FileChannel head = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (ArenaEvent e : state.head()) written += write(head, e.json());
            for (SessionRecord s : state.sessionHead()) written += write(head, SessionLines.line(s));
            head.force(true);
        }
        channel.force(true);
        channel.close();
        try {
            for (TranscriptPolicy.Step step : policy.rotationSteps(FILE_NAME)) {
                switch (step) {
                    case TranscriptPolicy.Step.Delete d -> Files.deleteIfExists(dir.resolve(d.name()));
                    case TranscriptPolicy.Step.Rename r -> {
                        if (Files.exists(dir.resolve(r.from()))) {
                            Files.move(dir.resolve(r.from()), dir.resolve(r.to()), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE);
            if (policy.sync() != TranscriptPolicy.Sync.NEVER) forceDirectory();
            headBytes = written;
            rotations++;
        } finally {
            // Whatever happened, keep appending to a whole file: the new one, or the old one if the renames failed.
            finishInterruptedRotation(dir);
            channel = appendTo(file);
            bytes = channel.size();
            lastSync = clock.getAsLong();
            pending = false;
        }
    }

    /** Makes the renames themselves durable. */
    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException notSupported) {
            // Some file systems cannot sync a directory; the renames are still atomic.
        }
    }

    private static FileChannel appendTo(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (endsTorn(file)) ch.write(ByteBuffer.wrap(new byte[] {'\n'}));
        return ch;
    }

    /** A complete {@code .next} without an active file is a rotation cut short between its renames. */
    private static void finishInterruptedRotation(Path dataDir) throws IOException {
        Path next = dataDir.resolve(NEXT_NAME);
        if (!Files.exists(next)) return;
        if (Files.exists(dataDir.resolve(FILE_NAME))) {
            Files.delete(next); // cut short while the head was written: the active file is still whole
        } else {
            Files.move(next, dataDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static int fold(Path file, TranscriptState state) throws IOException {
        if (!Files.exists(file)) return 0;
        int damaged = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                if (SessionLines.isSession(line)) {
                    var record = SessionLines.read(line);
                    if (record.isEmpty() || !state.apply(record.get())) damaged++;
                    continue;
                }
                var stored = EventReader.read(line);
                if (stored.isEmpty() || !state.apply(stored.get())) damaged++;
            }
        }
        return damaged;
    }

    /** Joins carry the slot and name a restart needs; other events need only what ArenaEvent holds. */
    private static EventReader.StoredEvent stored(ArenaEvent e) {
        if (e.type() == MessageType.AGENT_CONNECT) {
            var read = EventReader.read(e.json());
            if (read.isPresent()) return read.get();
        }
        return new EventReader.StoredEvent(e, 0, "");
    }

    private static boolean endsTorn(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long len = raf.length();
            if (len == 0) return false;
            raf.seek(len - 1);
            return raf.read() != '\n';
        }
    }
}
