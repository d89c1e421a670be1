package dev.mowai.arena.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestTest {

    private static Answer a(String name, String text) {
        return new Answer(name, name, text, Position.key(text), 0, 0, false, false);
    }

    @Test
    void aLargeRoomIsSampledAcrossPositionsSoTheMinorityIsShown() {
        List<Answer> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(a("yes" + i, "POSITION: yes"));
        }
        all.add(a("lonely", "POSITION: no"));
        List<Answer> shown = Digest.sample(all, Digest.MAX_SHOWN, 0);
        assertEquals(Digest.MAX_SHOWN, shown.size());
        assertTrue(shown.stream().anyMatch(x -> x.name().equals("lonely")));
        assertTrue(Digest.sample(all, Digest.MAX_SHOWN, 3).stream().anyMatch(x -> x.name().equals("yes3")));
        assertEquals(3, Digest.sample(all.subList(0, 3), Digest.MAX_SHOWN, 1).size());
    }

    @Test
    void everyPromptIsBoundedWhateverTheRoomAndTheAnswers() {
        List<Answer> all = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            all.add(a("agent-with-a-long-name-" + i, "POSITION: p" + (i % 7) + "\n" + "word ".repeat(400)));
        }
        String task = "t".repeat(512);
        String later = Digest.later(task, 2, 5, all);
        assertTrue(later.length() <= Digest.MAX_PROMPT, later.length() + " chars");
        assertTrue(later.startsWith(task));
        assertTrue(later.contains("(12 of 500 shown)"));
        assertTrue(Digest.synthesis(task, 5, all).length() <= Digest.MAX_PROMPT);
        assertTrue(Digest.later("t", 2, 2, List.of()).contains("(no answers)"));
    }

    @Test
    void cutMarksTheCut() {
        assertEquals("abc", Digest.cut("abc", 3));
        assertEquals("ab…", Digest.cut("abcd", 3));
    }
}
