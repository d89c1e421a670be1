package dev.mowai.arena.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.arena.core.TranscriptPolicy;
import dev.mowai.arena.protocol.AgentProfile;
import dev.mowai.arena.protocol.ArenaEvent;
import dev.mowai.arena.protocol.Inbound;
import dev.mowai.arena.protocol.MessageType;
import dev.mowai.arena.protocol.Outbound;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptTest {

    static final TranscriptPolicy NO_ROTATION = new TranscriptPolicy(TranscriptPolicy.Sync.NEVER, 0, 0, 0);

    @TempDir
    Path dir;

    static Transcript open(Path dir, TranscriptPolicy policy) throws IOException {
        return Transcript.open(dir, policy, 10, 5, 2, System::nanoTime);
    }

    /** What a restart keeping {@code keepEvents} events and {@code keepTasks} tasks reads back. */
    static Transcript.Recovered recover(Path dir, int keepEvents, int keepTasks) throws IOException {
        try (Transcript t = Transcript.open(dir, NO_ROTATION, keepEvents, keepTasks, 2, System::nanoTime)) {
            return t.recovered();
        }
    }

    @Test
    void missingLogRecoversEmpty() throws Exception {
        var r = recover(dir, 10, 5);
        assertEquals(0, r.lastSeq());
        assertEquals(0, r.recentEvents().size());
    }

    @Test
    void recoversTailTasksCounterAndWhoWasStillConnected() throws Exception {
        String stay = UUID.randomUUID().toString();
        String gone = UUID.randomUUID().toString();
        try (Transcript t = open(dir, NO_ROTATION)) {
            t.append(Outbound.joined(1, new Inbound.Connect(stay, 1, 0, new AgentProfile("Stay", "red", "p", "1"), java.util.Optional.empty()), 0, 1));
            t.append(Outbound.joined(2, new Inbound.Connect(gone, 1, 0, new AgentProfile("Gone", "red", "p", "1"), java.util.Optional.empty()), 1, 1));
            for (int i = 3; i <= 9; i++) {
                t.append(Outbound.globalTask(i, UUID.randomUUID().toString(), "task " + i, i));
            }
            t.append(Outbound.left(10, gone, 1, "Gone", "bye", 10));
        }
        var r = recover(dir, 4, 5);
        assertEquals(10, r.lastSeq());
        assertEquals(4, r.recentEvents().size());
        assertEquals(7, r.recentEvents().getFirst().arenaSeq());
        assertEquals(5, r.recentTasks().size());
        assertEquals(5, r.recentTasks().getFirst().arenaSeq());
        assertEquals(1, r.orphans().size());
        assertEquals(stay, r.orphans().getFirst().agentId());
        assertEquals("Stay", r.orphans().getFirst().name());
    }

    @Test
    void aTornLastLineIsSkippedAndTheNextAppendStartsOnANewLine() throws Exception {
        try (Transcript t = open(dir, NO_ROTATION)) {
            t.append(Outbound.globalTask(1, UUID.randomUUID().toString(), "whole", 1));
        }
        String torn = Outbound.globalTask(2, UUID.randomUUID().toString(), "torn", 2).json();
        Files.writeString(dir.resolve(Transcript.FILE_NAME), torn.substring(0, torn.length() / 2),
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (Transcript t = open(dir, NO_ROTATION)) {
            t.append(Outbound.globalTask(2, UUID.randomUUID().toString(), "after crash", 3));
        }
        var r = recover(dir, 10, 5);
        assertEquals(1, r.damagedLines());
        assertEquals(2, r.lastSeq());
        assertTrue(r.recentTasks().getLast().json().contains("after crash"));
    }

    @Test
    void linesThatGoBackwardsOrAreNotEventsAreIgnored() throws Exception {
        Files.writeString(dir.resolve(Transcript.FILE_NAME), String.join("\n",
                Outbound.globalTask(5, UUID.randomUUID().toString(), "five", 1).json(),
                Outbound.globalTask(3, UUID.randomUUID().toString(), "three", 1).json(),
                "not json at all",
                "{\"type\":\"GLOBAL_TASK\"}",
                "") + "\n");
        var r = recover(dir, 10, 5);
        assertEquals(5, r.lastSeq());
        assertEquals(3, r.damagedLines());
        assertEquals(1, r.recentTasks().size());
    }

    /** A day of arena life in miniature: agents join, think and leave, tasks come, seq always moves on. */
    static List<ArenaEvent> arenaLife(long seed, int count) {
        Random rnd = new Random(seed);
        List<ArenaEvent> out = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (long seq = 1; seq <= count; seq++) {
            int pick = rnd.nextInt(10);
            if (present.isEmpty() || pick < 2 && present.size() < 6) {
                String id = new UUID(seed, seq).toString();
                present.add(id);
                out.add(Outbound.joined(seq, new Inbound.Connect(id, 1, 0, new AgentProfile("A" + seq, "red", "p", "1"), java.util.Optional.empty()), (int) seq % 50, seq));
            } else if (pick < 3) {
                String id = present.remove(rnd.nextInt(present.size()));
                out.add(Outbound.left(seq, id, 1, "gone", "bye", seq));
            } else if (pick < 4) {
                out.add(Outbound.globalTask(seq, new UUID(seq, seed).toString(), "task " + seq, seq));
            } else {
                String id = present.get(rnd.nextInt(present.size()));
                out.add(Outbound.thought(seq, new Inbound.Thought(id, seq, 0, "t", seq, "thinking " + "x".repeat(rnd.nextInt(200))), 1, seq));
            }
        }
        return out;
    }

    @Test
    void rotationKeepsFewFilesAndARestartRestoresExactlyWhatAnUnrotatedLogWould() throws Exception {
        Path plain = dir.resolve("plain");
        Path rotated = dir.resolve("rotated");
        TranscriptPolicy small = new TranscriptPolicy(TranscriptPolicy.Sync.ALWAYS, 0, 4096, 2);
        List<ArenaEvent> life = arenaLife(7, 600);
        long written = 0;
        int rotations = 0;
        // Three sessions with restarts in between: the later ones continue a log that was already rotated.
        for (List<ArenaEvent> session : List.of(life.subList(0, 200), life.subList(200, 350), life.subList(350, 600))) {
            try (Transcript p = open(plain, NO_ROTATION); Transcript r = open(rotated, small)) {
                assertEquals(p.recovered(), r.recovered(), "a restart sees the same state");
                for (ArenaEvent e : session) {
                    p.append(e);
                    r.append(e);
                    written += e.json().length() + 1;
                }
                rotations += r.rotations();
            }
        }
        assertEquals(recover(plain, 10, 5), recover(rotated, 10, 5));
        var r = recover(rotated, 10, 5);
        assertEquals(600, r.lastSeq());
        assertEquals(10, r.recentEvents().size());
        assertEquals(5, r.recentTasks().size());
        assertTrue(rotations >= 10, "rotated " + rotations + " times");
        assertTrue(Files.exists(rotated.resolve("transcript.1.jsonl")) && Files.exists(rotated.resolve("transcript.2.jsonl")));
        try (var files = Files.list(rotated)) {
            assertEquals(3, files.count(), "the active file and the two kept ones");
        }
        assertTrue(Files.size(rotated.resolve(Transcript.FILE_NAME)) < 16 * 1024, "the active file stays bounded");
        assertTrue(Files.size(plain.resolve(Transcript.FILE_NAME)) > written / 2);
    }

    @Test
    void keepingNoFilesStillRotatesAndRestores() throws Exception {
        List<ArenaEvent> life = arenaLife(11, 300);
        try (Transcript t = open(dir, new TranscriptPolicy(TranscriptPolicy.Sync.NEVER, 0, 2048, 0))) {
            for (ArenaEvent e : life) t.append(e);
            assertTrue(t.rotations() > 0);
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve(Transcript.FILE_NAME)), files.toList());
        }
        long lastTask = life.stream().filter(e -> e.type() == MessageType.GLOBAL_TASK).mapToLong(ArenaEvent::arenaSeq).max().orElseThrow();
        var r = recover(dir, 10, 5);
        assertEquals(300, r.lastSeq());
        assertEquals(lastTask, r.recentTasks().getLast().arenaSeq());
    }

    @Test
    void aRotationCutShortBetweenItsRenamesIsFinishedOnOpen() throws Exception {
        Path reference = dir.resolve("reference");
        Path crashed = dir.resolve("crashed");
        List<ArenaEvent> life = arenaLife(3, 120);
        try (Transcript t = open(reference, NO_ROTATION)) {
            for (ArenaEvent e : life) t.append(e);
        }
        // The head was written and forced, the active file renamed away, then the process died.
        Files.createDirectories(crashed);
        Files.copy(reference.resolve(Transcript.FILE_NAME), crashed.resolve(Transcript.NEXT_NAME));
        assertEquals(recover(reference, 10, 5), recover(crashed, 10, 5));
        assertTrue(Files.exists(crashed.resolve(Transcript.FILE_NAME)));
        assertFalse(Files.exists(crashed.resolve(Transcript.NEXT_NAME)));
    }

    @Test
    void aHalfWrittenHeadBesideAWholeActiveFileIsDropped() throws Exception {
        try (Transcript t = open(dir, NO_ROTATION)) {
            t.append(Outbound.globalTask(1, UUID.randomUUID().toString(), "kept", 1));
        }
        Files.writeString(dir.resolve(Transcript.NEXT_NAME), "{\"arenaSeq\":99,\"type\":\"GLOBAL_T");
        var r = recover(dir, 10, 5);
        assertEquals(1, r.lastSeq());
        assertEquals(0, r.damagedLines());
        assertFalse(Files.exists(dir.resolve(Transcript.NEXT_NAME)));
    }

    // ---- debate sessions (issue 18: they live in the transcript)

    private static final dev.mowai.arena.session.Participant ADA = new dev.mowai.arena.session.Participant("a1", "Ada", "p");

    private static dev.mowai.arena.session.Room room(String taskId) {
        return new dev.mowai.arena.session.Room(List.of(ADA), taskId);
    }

    /**
     * Starts session {@code id} and answers its round 1 (a 1-round session then gets the moderator's
     * conclusion and is done): the records of every change, appended.
     */
    private static dev.mowai.arena.session.Debate startAndAnswer(Transcript t, String id, int rounds) throws IOException {
        var start = dev.mowai.arena.session.Debate.start(id, new dev.mowai.arena.session.SessionSpec("Q " + id, rounds, false,
                null, 60), room(id + "-t1"), 0).debate();
        var answered = start.answered("a1", "Ada", id + "-t1", "POSITION: yes", 5, room(id + "-t2")).debate();
        var last = answered.awaitsModerator() ? answered.moderated("Yes, all of them.", 6) : answered;
        for (var r : dev.mowai.arena.session.SessionRecord.between(null, start)) t.append(r);
        for (var r : dev.mowai.arena.session.SessionRecord.between(start, answered)) t.append(r);
        for (var r : dev.mowai.arena.session.SessionRecord.between(answered, last)) t.append(r);
        return last;
    }

    @Test
    void sessionsAreLinesOfTheTranscriptThatNoEventFoldSeesAndTheyComeBackOnOpen() throws Exception {
        dev.mowai.arena.session.Debate d;
        try (Transcript t = open(dir, NO_ROTATION)) {
            t.append(Outbound.globalTask(1, UUID.randomUUID().toString(), "before", 1));
            d = startAndAnswer(t, "s1", 2);
            t.append(Outbound.globalTask(2, UUID.randomUUID().toString(), "after", 2));
        }
        List<String> lines = Files.readAllLines(dir.resolve(Transcript.FILE_NAME));
        // two events, the start's snapshot, then the answer, the round's close and round 2 (3 small records)
        assertEquals(6, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("{\"type\":\"SESSION\",\"record\":\"snapshot\""), lines.get(1));
        assertTrue(lines.get(2).startsWith("{\"type\":\"SESSION\",\"record\":\"answered\""), lines.get(2));
        assertFalse(lines.get(2).contains("arenaSeq"), "never relayed, never counted");
        var r = recover(dir, 10, 5);
        assertEquals(List.of(d), r.sessions());
        assertEquals(2, r.lastSeq());
        assertEquals(0, r.damagedLines());
    }

    @Test
    void aDamagedOrStraySessionLineIsCountedAndSkipped() throws Exception {
        try (Transcript t = open(dir, NO_ROTATION)) {
            startAndAnswer(t, "s1", 1);
        }
        Files.writeString(dir.resolve(Transcript.FILE_NAME), "{\"type\":\"SESSION\",\"record\":\"answered\",\"sessionId\":\"nope\","
                + "\"round\":1,\"answer\":{\"agentId\":\"x\"}}\n{\"type\":\"SESSION\",\"rec", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        var r = recover(dir, 10, 5);
        assertEquals(2, r.damagedLines());
        assertEquals(1, r.sessions().size());
    }

    @Test
    void rotationCarriesRunningSessionsAndTheNewestFinishedOnesIntoTheNewFile() throws Exception {
        // keep-sessions 2 (open()): of five finished sessions the newest two survive, the running one always.
        TranscriptPolicy small = new TranscriptPolicy(TranscriptPolicy.Sync.NEVER, 0, 4096, 1);
        dev.mowai.arena.session.Debate running;
        List<dev.mowai.arena.session.Debate> finished = new ArrayList<>();
        try (Transcript t = open(dir, small)) {
            running = startAndAnswer(t, "running", 3);
            for (int i = 0; i < 5; i++) {
                finished.add(startAndAnswer(t, "done" + i, 1));
            }
            for (int i = 1; i <= 200; i++) {
                t.append(Outbound.globalTask(i, UUID.randomUUID().toString(), "filler " + i, i));
            }
            assertTrue(t.rotations() >= 2, "rotated " + t.rotations() + " times");
        }
        var r = recover(dir, 10, 5);
        assertEquals(List.of(running, finished.get(3), finished.get(4)), r.sessions());
        assertEquals(2, r.sessions().getFirst().current().number(), "resumes in round 2");
    }
}
