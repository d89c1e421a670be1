package dev.mowai.arena.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DebateTest {

    private static final Participant ADA = new Participant("a1", "Ada", "pragmatist");
    private static final Participant BOB = new Participant("b2", "Bob", "contrarian");
    private static final Participant CY = new Participant("c3", "Cy", "optimist");
    private static final List<Participant> ROOM = List.of(ADA, BOB, CY);

    private static SessionSpec spec(int rounds, String synth) {
        return new SessionSpec("Tabs or spaces?", rounds, false, synth, 60);
    }

    private static Room room(String taskId) {
        return new Room(ROOM, taskId);
    }

    private static Debate.Step answer(Debate d, Participant p, String taskId, String text, long now) {
        return d.answered(p.agentId(), p.name(), taskId, text, now, room("t" + (d.rounds().size() + 1)));
    }

    @Test
    void roundOneIsTheTaskToEveryoneWithTheReactionsFlag() {
        Debate.Step s = Debate.start("s1", spec(2, null), room("t1"), 1000);
        Broadcast b = s.broadcast().orElseThrow();
        assertEquals("t1", b.taskId());
        assertTrue(b.description().startsWith("Tabs or spaces?"));
        assertTrue(b.description().contains("POSITION:"));
        assertFalse(b.reactions());
        assertNull(b.onlyAgentId());
        assertEquals(Debate.State.RUNNING, s.debate().state());
        assertEquals(ROOM, s.debate().current().present());
        assertEquals(61_000, s.debate().current().deadline());
    }

    @Test
    void aRoundClosesWhenEveryonePresentAnsweredAndTheNextCarriesTheDigest() {
        Debate d = Debate.start("s1", spec(2, null), room("t1"), 0).debate();
        d = answer(d, ADA, "t1", "POSITION: spaces\nbecause diffs align", 100).debate();
        d = answer(d, BOB, "t1", "POSITION: tabs\nbecause width is a preference", 200).debate();
        assertTrue(d.current().isOpen());
        Debate.Step s = answer(d, CY, "t1", "POSITION: spaces", 300);
        Round first = s.debate().rounds().getFirst();
        assertEquals("all answered", first.closedBy());
        assertEquals(List.of(), first.silent());
        Broadcast b = s.broadcast().orElseThrow();
        assertEquals("t2", b.taskId());
        assertTrue(b.description().contains("Debate round 2 of 2"));
        assertTrue(b.description().contains("- Bob: POSITION: tabs because width is a preference"));
        assertTrue(b.description().contains("Revise your answer"));
        assertEquals(2, s.debate().current().number());
        assertEquals(200, first.answerOf("b2").orElseThrow().afterMs());
    }

    @Test
    void timeoutClosesTheRoundAndMarksTheSilent() {
        Debate d = Debate.start("s1", spec(2, null), room("t1"), 0).debate();
        d = answer(d, ADA, "t1", "POSITION: spaces", 100).debate();
        assertTrue(d.tick(59_999, room("t2")).broadcast().isEmpty());
        Debate.Step s = d.tick(60_000, room("t2"));
        assertEquals("timeout", s.debate().rounds().getFirst().closedBy());
        assertEquals(List.of("b2", "c3"), s.debate().rounds().getFirst().silent());
        assertTrue(s.broadcast().isPresent());
    }

    @Test
    void aLateAnswerIsRecordedAsLateAndDoesNotCloseTheCurrentRound() {
        Debate d = Debate.start("s1", spec(2, null), room("t1"), 0).debate();
        d = d.next(10, room("t2")).debate();
        d = answer(d, BOB, "t1", "POSITION: tabs", 20).debate();
        Answer late = d.rounds().getFirst().answerOf("b2").orElseThrow();
        assertTrue(late.late());
        assertTrue(d.current().isOpen());
        assertEquals("lead", d.rounds().getFirst().closedBy());
    }

    @Test
    void changedPositionComparesWithTheAgentsPreviousAnswerAndTheVerdictHasMajorityAndDissent() {
        Debate d = Debate.start("s1", spec(2, null), room("t1"), 0).debate();
        d = answer(d, ADA, "t1", "POSITION: spaces", 1).debate();
        d = answer(d, BOB, "t1", "POSITION: tabs", 2).debate();
        d = answer(d, CY, "t1", "POSITION: tabs", 3).debate();
        d = answer(d, ADA, "t2", "POSITION: Spaces!\nStill spaces.", 4).debate();
        d = answer(d, BOB, "t2", "POSITION: tabs. Width is personal because screens differ.", 5).debate();
        Debate.Step s = answer(d, CY, "t2", "Position: spaces\nAda convinced me since alignment matters.", 6);
        assertTrue(s.broadcast().isEmpty(), "no agent is asked: the moderator writes the conclusion");
        assertTrue(s.debate().awaitsModerator());
        assertNull(s.debate().verdict(), "the verdict waits for the conclusion");
        assertNull(s.debate().synthesisNote(), "nobody was named, so nobody failed");
        Debate done = s.debate().moderated("Most agents hold spaces; Bob dissents.", 10);
        assertEquals(Debate.State.DONE, done.state());
        assertEquals("moderator", done.synthesis().name());
        assertEquals(Debate.MODERATOR.agentId(), done.synthesis().agentId());
        assertEquals(4, done.synthesis().afterMs(), "timed from the last round's close");
        assertEquals(done, done.moderated("again", 11), "a second conclusion changes nothing");
        assertFalse(done.current().answerOf("a1").orElseThrow().changed());
        assertTrue(done.current().answerOf("c3").orElseThrow().changed());
        Verdict v = done.verdict();
        assertEquals("Spaces!", v.majority());
        assertEquals(2, v.support());
        assertEquals(3, v.answered());
        assertEquals(1, v.dissenters().size());
        assertEquals("Bob", v.dissenters().getFirst().name());
        assertEquals("tabs.", v.dissenters().getFirst().position());
        assertEquals("Width is personal because screens differ.", v.dissenters().getFirst().reason());
        assertEquals(List.of("Cy"), v.changedMind());
    }

    @Test
    void noMajorityWhenNoPositionHasMoreThanHalf() {
        Debate d = Debate.start("s1", spec(1, null), new Room(List.of(ADA, BOB), "t1"), 0).debate();
        d = d.answered("a1", "Ada", "t1", "POSITION: yes", 1, room("x")).debate();
        d = d.answered("b2", "Bob", "t1", "POSITION: no", 2, room("x")).debate().moderationFailed("down", 3);
        assertEquals(Debate.State.DONE, d.state());
        assertNull(d.verdict().majority());
        assertEquals(List.of(), d.verdict().dissenters());
        assertEquals(2, d.verdict().positions().size());
    }

    @Test
    void theSynthesiserNamedByPersonaGetsTheFinalAnswersAloneAndItsAnswerEndsTheSession() {
        Debate d = Debate.start("s1", spec(1, "Optimist"), room("t1"), 0).debate();
        d = answer(d, ADA, "t1", "POSITION: spaces", 1).debate();
        d = answer(d, BOB, "t1", "POSITION: tabs", 2).debate();
        Debate.Step s = d.answered("c3", "Cy", "t1", "POSITION: spaces", 3, room("syn"));
        assertEquals(Debate.State.SYNTHESISING, s.debate().state());
        Broadcast b = s.broadcast().orElseThrow();
        assertEquals("c3", b.onlyAgentId());
        assertEquals("syn", b.taskId());
        assertTrue(b.description().contains("synthesiser"));
        assertTrue(b.description().contains("- Bob: POSITION: tabs"));
        Debate other = s.debate().answered("a1", "Ada", "syn", "me too", 4, room("x")).debate();
        assertEquals(Debate.State.SYNTHESISING, other.state());
        Debate done = other.answered("c3", "Cy", "syn", "The group prefers spaces.", 5, room("x")).debate();
        assertEquals(Debate.State.DONE, done.state());
        assertEquals("The group prefers spaces.", done.synthesis().text());
        assertNull(done.synthesisNote());
        assertEquals("spaces", done.verdict().majority());
    }

    @Test
    void synthesiserByAgentIdOrNameAndItsAbsenceOrSilenceIsRecorded() {
        Debate byId = Debate.start("s", spec(1, "b2"), room("t1"), 0).debate().next(1, room("syn")).debate();
        assertEquals("b2", byId.synthesiser().agentId());
        Debate byName = Debate.start("s", spec(1, "ada"), room("t1"), 0).debate().next(1, room("syn")).debate();
        assertEquals("a1", byName.synthesiser().agentId());
        // Absent, silent or skipped: the moderator steps in, and the transcript says why.
        Debate missing = Debate.start("s", spec(1, "Zed"), room("t1"), 0).debate().next(1, room("syn")).debate();
        assertTrue(missing.awaitsModerator());
        assertEquals("synthesiser Zed not connected", missing.synthesisNote());
        Debate silent = byId.tick(60_001, room("x")).debate();
        assertTrue(silent.awaitsModerator());
        assertEquals("synthesiser Bob did not answer within 60 s", silent.synthesisNote());
        assertEquals(silent, silent.answered("b2", "Bob", "syn", "too late", 60_002, room("x")).debate(),
                "the named synthesiser's late answer is not taken any more");
        Debate skipped = byId.next(2, room("x")).debate();
        assertTrue(skipped.awaitsModerator());
        assertEquals("the lead moved on before Bob answered", skipped.synthesisNote());

        Debate concluded = silent.moderated("Spaces, mostly.", 60_010);
        assertEquals(Debate.State.DONE, concluded.state());
        assertEquals("synthesiser Bob did not answer within 60 s", concluded.synthesisNote(), "kept beside the conclusion");
        Debate unavailable = missing.moderationFailed("cannot reach the gateway (Connection refused)", 9);
        assertEquals(Debate.State.DONE, unavailable.state());
        assertNull(unavailable.synthesis());
        assertEquals("synthesis unavailable: cannot reach the gateway (Connection refused) (synthesiser Zed not connected)",
                unavailable.synthesisNote());
        assertTrue(unavailable.verdict() != null, "the verdict is recorded without a conclusion");
        Debate closed = missing.next(3, room("x")).debate();
        assertEquals(Debate.State.DONE, closed.state());
        assertEquals("synthesis unavailable: the lead closed the session before the moderator answered", closed.synthesisNote());
    }

    @Test
    void aStoppedSessionTakesNoLateConclusion() {
        Debate waiting = Debate.start("s", spec(1, null), room("t1"), 0).debate().next(1, room("x")).debate();
        Debate stopped = waiting.stop(2);
        assertEquals(Debate.State.STOPPED, stopped.state());
        assertEquals(stopped, stopped.moderated("late", 3));
        assertEquals(stopped, stopped.moderationFailed("late", 3));
        assertFalse(stopped.awaitsModerator());
    }

    @Test
    void stopClosesTheOpenRoundAndRecordsAVerdictFromTheAnswersSoFar() {
        Debate d = Debate.start("s1", spec(3, null), room("t1"), 0).debate();
        d = answer(d, ADA, "t1", "POSITION: spaces", 1).debate();
        Debate stopped = d.stop(5);
        assertEquals(Debate.State.STOPPED, stopped.state());
        assertEquals("stopped", stopped.current().closedBy());
        assertEquals("spaces", stopped.verdict().majority());
        assertThrows(IllegalStateException.class, () -> stopped.stop(6));
        assertThrows(IllegalStateException.class, () -> stopped.next(6, room("x")));
        assertEquals(stopped, stopped.answered("b2", "Bob", "t1", "POSITION: tabs", 7, room("x")).debate());
    }

    @Test
    void anEmptyRoomWaitsForItsTimeoutAndLaterAgentsMayAnswer() {
        Debate d = Debate.start("s1", spec(1, null), new Room(List.of(), "t1"), 0).debate();
        d = answer(d, ADA, "t1", "POSITION: spaces", 1).debate();
        assertEquals(Debate.State.RUNNING, d.state());
        assertTrue(d.tick(60_000, room("x")).debate().awaitsModerator());
    }

    @Test
    void answersToOtherTasksAndSecondAnswersAreIgnored() {
        Debate d = Debate.start("s1", spec(2, null), room("t1"), 0).debate();
        assertEquals(d, answer(d, ADA, "elsewhere", "POSITION: x", 1).debate());
        Debate once = answer(d, ADA, "t1", "POSITION: spaces", 1).debate();
        assertEquals(once, answer(once, ADA, "t1", "POSITION: tabs", 2).debate());
    }

    @Test
    void laterRoundsSeeOnlyTheAgentsPresentAtTheirStart() {
        Debate d = Debate.start("s1", spec(2, null), room("t1"), 0).debate();
        Debate two = d.next(1, new Room(List.of(ADA), "t2")).debate();
        assertEquals(List.of(ADA), two.current().present());
        Debate done = two.answered("a1", "Ada", "t2", "POSITION: spaces", 2, room("x")).debate();
        assertTrue(done.awaitsModerator());
    }
}
