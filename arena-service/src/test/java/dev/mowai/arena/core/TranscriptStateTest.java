package dev.mowai.arena.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.arena.protocol.AgentProfile;
import dev.mowai.arena.protocol.ArenaEvent;
import dev.mowai.arena.protocol.EventReader;
import dev.mowai.arena.protocol.Inbound;
import dev.mowai.arena.protocol.Outbound;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TranscriptStateTest {

    static EventReader.StoredEvent stored(ArenaEvent e) {
        return EventReader.read(e.json()).orElseThrow();
    }

    static ArenaEvent join(long seq, String id) {
        return Outbound.joined(seq, new Inbound.Connect(id, 1, 0, new AgentProfile("N" + seq, "red", "p", "1"), java.util.Optional.empty()), (int) seq, seq);
    }

    @Test
    void seqMustMoveForward() {
        TranscriptState s = new TranscriptState(10, 5, 0);
        assertTrue(s.apply(stored(Outbound.globalTask(5, UUID.randomUUID().toString(), "a", 1))));
        assertFalse(s.apply(stored(Outbound.globalTask(5, UUID.randomUUID().toString(), "b", 1))));
        assertFalse(s.apply(stored(Outbound.globalTask(4, UUID.randomUUID().toString(), "c", 1))));
        assertEquals(5, s.lastSeq());
        assertEquals(1, s.recentTasks().size());
    }

    @Test
    void headHoldsOldTasksAndOldJoinsOfPresentAgentsBesidesTheRecentEvents() {
        String early = UUID.randomUUID().toString();
        String left = UUID.randomUUID().toString();
        TranscriptState s = new TranscriptState(3, 2, 0);
        List<ArenaEvent> all = List.of(join(1, early), Outbound.globalTask(2, UUID.randomUUID().toString(), "old task", 2),
                join(3, left), Outbound.globalTask(4, UUID.randomUUID().toString(), "newer task", 4),
                Outbound.left(5, left, 3, "N3", "bye", 5),
                Outbound.thought(6, new Inbound.Thought(early, 2, 0, "t", 1, "hm"), 1, 6),
                Outbound.thought(7, new Inbound.Thought(early, 3, 0, "t", 2, "hm"), 1, 7));
        all.forEach(e -> s.apply(stored(e)));
        assertEquals(List.of(1L, 2L, 4L, 5L, 6L, 7L), s.head().stream().map(ArenaEvent::arenaSeq).toList(),
                "join of the agent still there, both tasks, the last three events; the join of one who left is gone");
        TranscriptState refolded = new TranscriptState(3, 2, 0);
        s.head().forEach(e -> assertTrue(refolded.apply(stored(e))));
        assertEquals(s.lastSeq(), refolded.lastSeq());
        assertEquals(s.recentEvents(), refolded.recentEvents());
        assertEquals(s.recentTasks(), refolded.recentTasks());
        assertEquals(s.orphans(), refolded.orphans());
        assertEquals(List.of(new Relay.Orphan(early, 1, "N1")), s.orphans());
    }

    @Test
    void rejoiningMovesAnAgentToTheBackSoThatItsHeadReplaysInTheSameOrder() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        TranscriptState s = new TranscriptState(1, 1, 0);
        for (ArenaEvent e : List.of(join(1, a), join(2, b), join(3, a))) s.apply(stored(e));
        assertEquals(List.of(b, a), s.orphans().stream().map(Relay.Orphan::agentId).toList());
        TranscriptState refolded = new TranscriptState(1, 1, 0);
        s.head().forEach(e -> refolded.apply(stored(e)));
        assertEquals(s.orphans(), refolded.orphans());
    }
}
