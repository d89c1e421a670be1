package dev.mowai.arena.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the gateway's moderator is given: bounded whatever the room, fair to the minority, with the arena's count. */
class ModeratorPromptTest {

    private static final String PERSONA = "You are the Moderator.";

    /** A finished-rounds session of {@code answers.size()} agents, each answering round 1 with its text. */
    private static Debate waiting(String task, List<String> answers) {
        List<Participant> room = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            room.add(new Participant("id" + i, "agent-" + i, "pragmatist"));
        }
        Debate d = Debate.start("s", new SessionSpec(task, 1, false, null, 60), new Room(room, "t1"), 0).debate();
        for (int i = 0; i < answers.size(); i++) {
            d = d.answered("id" + i, "agent-" + i, "t1", answers.get(i), i + 1, new Room(room, "x")).debate();
        }
        assertTrue(d.awaitsModerator());
        return d;
    }

    @Test
    void theCountTheAnswersAndTheInstructionWithThePersonaAsSystem() {
        Debate d = waiting("Tabs or spaces?", List.of("POSITION: spaces\nAlignment holds because widths are fixed.",
                "POSITION: spaces", "POSITION: tabs\nWidth is personal since screens differ."));
        ModeratorPrompt p = ModeratorPrompt.of(PERSONA, d);
        assertEquals(PERSONA, p.system());
        assertTrue(p.user().startsWith("The task of a 1-round debate among 3 agent(s):\nTabs or spaces?"), p.user());
        assertTrue(p.user().contains("majority 2 of 3 for \"spaces\""), p.user());
        assertTrue(p.user().contains("- \"tabs\": 1"), p.user());
        assertTrue(p.user().contains("- agent-2: POSITION: tabs Width is personal since screens differ."), p.user());
        assertTrue(p.user().endsWith("the strongest dissent with its reason."), p.user());
    }

    @Test
    void noMajorityIsSaid() {
        ModeratorPrompt p = ModeratorPrompt.of(PERSONA, waiting("Yes?", List.of("POSITION: yes", "POSITION: no")));
        assertTrue(p.user().contains("final positions: no majority."), p.user());
    }

    @Test
    void aHugeRoomOfLongAnswersAndManyPositionsStaysBoundedAndTheMinorityIsQuoted() {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // 290 agents hold p0; ten lone agents hold p1..p10, each a position of its own.
            String position = i < 290 ? "p0" : "lone" + (i - 289);
            answers.add("POSITION: " + position + " " + "x".repeat(100) + "\n" + "word ".repeat(400));
        }
        ModeratorPrompt p = ModeratorPrompt.of(PERSONA, waiting("t".repeat(512), answers));
        assertTrue(p.user().length() <= Digest.MAX_PROMPT, p.user().length() + " characters");
        assertTrue(p.user().contains("(12 of 300 shown)"), p.user());
        assertTrue(p.user().contains("and 5 other position(s)"), "the count lists at most six positions: " + p.user());
        long lone = p.user().lines().filter(l -> l.startsWith("- agent-") && l.contains("POSITION: lone")).count();
        assertTrue(lone >= 6, "round-robin over positions quotes the lone agents, not twelve of the 290: " + lone);
        assertTrue(p.user().contains("majority 290 of 300"), p.user());
    }

    @Test
    void aSessionWithoutAnswersStillGetsAPrompt() {
        Debate d = Debate.start("s", new SessionSpec("Anyone?", 1, false, null, 60), new Room(List.of(), "t1"), 0)
                .debate().tick(60_000, new Room(List.of(), "x")).debate();
        ModeratorPrompt p = ModeratorPrompt.of(PERSONA, d);
        assertTrue(p.user().contains("(no answers)"), p.user());
        assertFalse(p.user().contains("majority "), p.user());
    }

    @Test
    void aMissingOrOversizedPersonaIsRefused() {
        Debate d = waiting("x", List.of("POSITION: y"));
        assertThrows(IllegalArgumentException.class, () -> ModeratorPrompt.of(" ", d));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModeratorPrompt.of("p".repeat(ModeratorPrompt.MAX_SYSTEM + 1), d));
        assertTrue(e.getMessage().contains("1–4000 characters"), e.getMessage());
    }
}
