package dev.mowai.runner.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A runner without personas refuses to start and names the folder it looked in. */
class PersonaLibraryTest {

    @Test
    void theRepositorysPersonasAreFoundFromTheModuleFolder() {
        assertTrue(PersonaLibrary.load("personas").keySet().containsAll(Set.of("contrarian", "pragmatist")));
    }

    @Test
    void aMissingFolderIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PersonaLibrary.load(missing.toString()));
        assertTrue(e.getMessage().startsWith("no personas folder at " + missing), e.getMessage());
        assertTrue(e.getMessage().contains("MOWAI_PERSONAS_DIR"), e.getMessage());
    }

    @Test
    void aFolderWithoutValidPersonasIsNamed(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("empty-persona"));
        Files.writeString(Files.createDirectories(dir.resolve("broken")).resolve("SKILL.md"), "no front matter");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PersonaLibrary.load(dir.toString()));
        assertTrue(e.getMessage().startsWith("no personas in " + dir), e.getMessage());
    }

    @Test
    void validPersonasAreReadByTheirFolderName(@TempDir Path dir) throws Exception {
        Path repo = Path.of("..", "personas", "contrarian", "SKILL.md");
        Files.copy(repo, Files.createDirectories(dir.resolve("sceptic")).resolve("SKILL.md"));
        assertEquals(Set.of("sceptic"), PersonaLibrary.load(dir.toString()).keySet());
    }
}
