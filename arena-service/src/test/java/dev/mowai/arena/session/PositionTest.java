package dev.mowai.arena.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PositionTest {

    @Test
    void thePositionLineIsTheKeyNormalised() {
        assertEquals("spaces", Position.key("Intro\n**POSITION: Spaces!**\nmore"));
        assertEquals("spaces", Position.key("position - spaces."));
        assertEquals("tabs", Position.key("POSITION: tabs. Width is personal; so 3.5 it is"));
        assertEquals("3 5 wide", Position.key("POSITION: 3.5 wide"));
        assertEquals(Position.key("POSITION: Yes, ship it"), Position.key("  position:   yes ship   it!!"));
    }

    @Test
    void withoutAPositionLineTheFirstLineCountsCutToEightWords() {
        assertEquals("one two three four five six seven eight", Position.key("\n\nOne two three four five six seven eight nine ten\nx"));
        assertEquals("", Position.key(""));
        assertEquals("", Position.key("   \n  "));
    }

    @Test
    void theReasonIsTheFirstArguingSentenceElseTheLongest() {
        assertEquals("It fails since nobody tests it.",
                Position.reason("POSITION: no\nShort one. It fails since nobody tests it. Also because."));
        assertEquals("This is the longest sentence here.", Position.reason("Hi. This is the longest sentence here. Ok."));
        assertEquals("", Position.reason(""));
        assertEquals(Position.REASON_CHARS, Position.reason("because " + "x".repeat(1000)).length());
    }

    @Test
    void theLabelIsThePositionAsWrittenBounded() {
        assertEquals("Spaces!", Position.label("POSITION: Spaces!"));
        assertEquals(120, Position.label("y".repeat(500)).length());
    }
}
