package dev.mowai.runner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UploadFormTest {

    static final byte[] COMPONENT = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x01};
    static final byte[] MODULE = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
    static final Set<String> PERSONAS = Set.of("contrarian", "pragmatist");
    static final String SKILL = "---\nname: poet\ndescription: Speaks in verse\nmetadata:\n  author: me\n---\n\nYou answer in rhyme.\n";

    @Test
    void aGoodFormHasNoProblems() {
        assertEquals(List.of(), new UploadForm(COMPONENT, "Ada", "#ff8800", "contrarian", null).problems(PERSONAS, 100));
        assertEquals(List.of(), new UploadForm(COMPONENT, "Ada", "rebeccapurple", null, SKILL).problems(PERSONAS, 100));
        assertEquals(List.of(), new UploadForm(COMPONENT, "Ada", "rgb(10, 20, 30)", "pragmatist", null).problems(PERSONAS, 100));
    }

    @Test
    void everyProblemIsListedAtOnce() {
        List<String> problems = new UploadForm(null, "", "not a colour!", "poet", null).problems(PERSONAS, 100);
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("wasm: missing"));
        assertTrue(problems.get(1).startsWith("name: missing"));
        assertTrue(problems.get(2).startsWith("color:"));
        assertTrue(problems.get(3).contains("not one of contrarian, pragmatist"));
    }

    @Test
    void wasmProblemsAreSpecific() {
        assertTrue(new UploadForm(MODULE, "a", "#fff", "contrarian", null).problems(PERSONAS, 100).getFirst()
                .contains("core WebAssembly module, not a component"));
        assertTrue(new UploadForm("hello".getBytes(), "a", "#fff", "contrarian", null).problems(PERSONAS, 100).getFirst()
                .contains("does not start with"));
        assertTrue(new UploadForm(COMPONENT, "a", "#fff", "contrarian", null).problems(PERSONAS, 4).getFirst()
                .contains("exceeds the limit of 4"));
    }

    @Test
    void namesAreBoundedAndFreeOfControlCharacters() {
        assertTrue(new UploadForm(COMPONENT, "a".repeat(65), "#fff", "contrarian", null).problems(PERSONAS, 100).getFirst()
                .contains("65 characters"));
        assertTrue(new UploadForm(COMPONENT, "a\u0007b", "#fff", "contrarian", null).problems(PERSONAS, 100).getFirst()
                .contains("control characters"));
    }

    @Test
    void aBadCustomSkillIsExplained() {
        List<String> problems = new UploadForm(COMPONENT, "a", "#fff", null, "no front matter here").problems(PERSONAS, 100);
        assertEquals(List.of("skill: SKILL.md: front matter missing (a block between '---' lines with name and description)"), problems);
    }

    @Test
    void skillFilesAreParsedWithoutTheirFrontMatter() {
        SkillFile.Parsed.Ok ok = assertInstanceOf(SkillFile.Parsed.Ok.class, SkillFile.parse(SKILL));
        assertEquals("poet", ok.skill().name());
        assertEquals("Speaks in verse", ok.skill().description());
        assertEquals("You answer in rhyme.", ok.skill().body());
        SkillFile.Parsed.Ok crlf = assertInstanceOf(SkillFile.Parsed.Ok.class,
                SkillFile.parse("---\r\nname: \"x-y\"\r\ndescription: d\r\n---\r\nBody"));
        assertEquals("x-y", crlf.skill().name());
        assertEquals("Body", crlf.skill().body());
    }

    @Test
    void skillFileProblems() {
        SkillFile.Parsed.Invalid bad = assertInstanceOf(SkillFile.Parsed.Invalid.class,
                SkillFile.parse("---\nname: Not Valid\n---\n"));
        assertEquals(3, bad.problems().size(), bad.problems().toString());
        assertInstanceOf(SkillFile.Parsed.Invalid.class, SkillFile.parse("x".repeat(SkillFile.MAX_CHARS + 1)));
    }
}
