package dev.mowai.arena.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mowai.arena.protocol.AgentProfile;
import dev.mowai.arena.protocol.Inbound;
import dev.mowai.arena.protocol.Outbound;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptTest {

    @TempDir
    Path dir;

    @Test
    void missingLogRecoversEmpty() throws Exception {
        var r = Transcript.recover(dir, 10, 5);
        assertEquals(0, r.lastSeq());
        assertEquals(0, r.recentEvents().size());
    }

    @Test
    void recoversTailTasksCounterAndWhoWasStillConnected() throws Exception {
        String stay = UUID.randomUUID().toString();
        String gone = UUID.randomUUID().toString();
        try (Transcript t = Transcript.open(dir)) {
            t.append(Outbound.joined(1, new Inbound.Connect(stay, 1, 0, new AgentProfile("Stay", "red", "p", "1")), 0, 1).json());
            t.append(Outbound.joined(2, new Inbound.Connect(gone, 1, 0, new AgentProfile("Gone", "red", "p", "1")), 1, 1).json());
            for (int i = 3; i <= 9; i++) {
                t.append(Outbound.globalTask(i, UUID.randomUUID().toString(), "task " + i, i).json());
            }
            t.append(Outbound.left(10, gone, 1, "Gone", "bye", 10).json());
        }
        var r = Transcript.recover(dir, 4, 5);
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
        try (Transcript t = Transcript.open(dir)) {
            t.append(Outbound.globalTask(1, UUID.randomUUID().toString(), "whole", 1).json());
        }
        String torn = Outbound.globalTask(2, UUID.randomUUID().toString(), "torn", 2).json();
        Files.writeString(dir.resolve(Transcript.FILE_NAME), torn.substring(0, torn.length() / 2),
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (Transcript t = Transcript.open(dir)) {
            t.append(Outbound.globalTask(2, UUID.randomUUID().toString(), "after crash", 3).json());
        }
        var r = Transcript.recover(dir, 10, 5);
        assertEquals(1, r.damagedLines());
        assertEquals(2, r.lastSeq());
        org.junit.jupiter.api.Assertions.assertTrue(r.recentTasks().getLast().json().contains("after crash"));
    }

    @Test
    void linesThatGoBackwardsOrAreNotEventsAreIgnored() throws Exception {
        Files.writeString(dir.resolve(Transcript.FILE_NAME), String.join("\n",
                Outbound.globalTask(5, UUID.randomUUID().toString(), "five", 1).json(),
                Outbound.globalTask(3, UUID.randomUUID().toString(), "three", 1).json(),
                "not json at all",
                "{\"type\":\"GLOBAL_TASK\"}",
                "") + "\n");
        var r = Transcript.recover(dir, 10, 5);
        assertEquals(5, r.lastSeq());
        assertEquals(3, r.damagedLines());
        assertEquals(1, r.recentTasks().size());
    }
}
