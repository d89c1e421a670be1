package dev.mowai.arena.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimFileTest {

    @TempDir
    Path dir;

    @Test
    void claimsSurviveAReopenAndATornLastLine() throws Exception {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        ClaimFile first = ClaimFile.open(dir);
        assertEquals(Set.of(), first.loaded());
        first.add(a);
        Files.writeString(dir.resolve(ClaimFile.FILE_NAME), a.substring(0, 10), java.nio.file.StandardOpenOption.APPEND);
        ClaimFile second = ClaimFile.open(dir);
        assertEquals(Set.of(a), second.loaded(), "the torn line is skipped");
        second.add(b);
        assertEquals(Set.of(a, b), ClaimFile.open(dir).loaded());
    }
}
