package dev.mowai.arena.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A session's records rebuild it exactly, change by change, and an answer costs one small record. */
class SessionRecordTest {

    private static final Participant ADA = new Participant("a1", "Ada", "pragmatist");
    private static final Participant BOB = new Participant("b2", "Bob", "contrarian");
    private static final List<Participant> ROOM = List.of(ADA, BOB);

    private static Room room(String taskId) {
        return new Room(ROOM, taskId);
    }

    /** Every state a 2-round session with a silent named synthesiser and the moderator passes through. */
    private static List<Debate> lifetime() {
        List<Debate> states = new ArrayList<>();
        Debate d = Debate.start("s1", new SessionSpec("Tabs?", 2, false, "Bob", 60), room("t1"), 0).debate();
        states.add(d);
        states.add(d = d.answered("a1", "Ada", "t1", "POSITION: spaces", 1, room("t2")).debate());
        states.add(d = d.answered("b2", "Bob", "t1", "POSITION: tabs", 2, room("t2")).debate()); // round 2 opens
        states.add(d = d.answered("a1", "Ada", "t2", "POSITION: tabs\nBob convinced me.", 3, room("x")).debate());
        states.add(d = d.tick(60_002, room("syn")).debate()); // round 2 times out; Bob is asked to synthesise
        states.add(d = d.answered("b2", "Bob", "t2", "POSITION: still tabs", 60_003, room("x")).debate()); // late
        states.add(d = d.tick(120_003, room("x")).debate()); // Bob is silent: the moderator is asked
        states.add(d.moderated("Both hold tabs now.", 120_010));
        return states;
    }

    @Test
    void theRecordsOfEachChangeReplayItExactly() {
        List<Debate> states = lifetime();
        SessionLog log = new SessionLog(10);
        Debate before = null;
        for (Debate after : states) {
            for (SessionRecord r : SessionRecord.between(before, after)) {
                assertTrue(log.apply(r), r.toString());
            }
            assertEquals(List.of(after), log.sessions());
            before = after;
        }
        assertEquals(Debate.State.DONE, log.sessions().getFirst().state());
    }

    @Test
    void changesAreSmallDeltasAndOnlyTheStartIsASnapshot() {
        List<Debate> s = lifetime();
        assertInstanceOf(SessionRecord.Snapshot.class, SessionRecord.between(null, s.get(0)).getFirst());
        assertEquals(List.of(SessionRecord.Answered.class), kinds(s.get(0), s.get(1)));
        assertEquals(List.of(SessionRecord.Answered.class, SessionRecord.RoundClosed.class, SessionRecord.RoundOpened.class),
                kinds(s.get(1), s.get(2)));
        assertEquals(List.of(SessionRecord.RoundClosed.class, SessionRecord.Settled.class), kinds(s.get(3), s.get(4)));
        assertEquals(List.of(SessionRecord.Answered.class), kinds(s.get(4), s.get(5)), "a late answer to round 2");
        assertEquals(List.of(SessionRecord.Settled.class), kinds(s.get(6), s.get(7)), "the conclusion and the verdict");
        assertEquals(List.of(), kinds(s.get(7), s.get(7)));
    }

    @Test
    void recordsThatFitNoSessionAreRefusedAndChangeNothing() {
        SessionLog log = new SessionLog(10);
        Answer a = new Answer("a1", "Ada", "x", "x", 0, 0, false, false);
        assertFalse(log.apply(new SessionRecord.Answered("nobody", 1, a)), "an unknown session");
        Debate d = lifetime().getFirst();
        assertTrue(log.apply(new SessionRecord.Snapshot(d)));
        assertFalse(log.apply(new SessionRecord.Answered("s1", 7, a)), "a round that does not exist");
        assertFalse(log.apply(new SessionRecord.RoundOpened("s1", d.current())), "round 1 opened twice");
        assertEquals(List.of(d), log.sessions());
    }

    @Test
    void compactionKeepsRunningSessionsAndTheNewestFinishedOnes() {
        SessionLog log = new SessionLog(1);
        Debate done = lifetime().getLast();
        Debate running = lifetime().get(1);
        for (String id : List.of("old", "run", "new")) {
            Debate d = id.equals("run") ? running : done;
            log.apply(new SessionRecord.Snapshot(new Debate(id, d.spec(), d.state(), d.createdAt(), d.rounds(),
                    d.synthesiser(), d.synthesisTaskId(), d.synthesisDeadline(), d.synthesis(), d.synthesisNote(),
                    d.verdict(), d.endedAt())));
        }
        List<String> kept = log.compact().stream().map(SessionRecord::sessionId).toList();
        assertEquals(List.of("run", "new"), kept);
        assertEquals(List.of("run", "new"), log.sessions().stream().map(Debate::id).toList());
    }

    private static List<Class<?>> kinds(Debate before, Debate after) {
        return SessionRecord.between(before, after).stream().<Class<?>>map(Object::getClass).toList();
    }
}
