package dev.mowai.arena.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminSecretFileTest {

    @Test
    void aStrongSecretIsGeneratedOnceOwnerOnlyAndKeptAcrossRestarts(@TempDir Path data) throws IOException {
        AdminSecretFile.Resolved first = AdminSecretFile.resolve(Optional.empty(), data.resolve("fresh"));
        assertEquals(AdminSecretFile.Source.GENERATED, first.source());
        assertTrue(first.secret().matches("[A-Za-z0-9_-]{32}"), first.secret());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file())));
        assertEquals(first.secret(), Files.readString(first.file()).strip());

        AdminSecretFile.Resolved restarted = AdminSecretFile.resolve(Optional.of(""), data.resolve("fresh"));
        assertEquals(AdminSecretFile.Source.KEPT, restarted.source());
        assertEquals(first.secret(), restarted.secret());
        assertNotEquals(first.secret(), AdminSecretFile.resolve(Optional.empty(), data.resolve("other")).secret(),
                "every arena draws its own");
    }

    @Test
    void theConfiguredSecretWinsAndTheGeneratedFileGoes(@TempDir Path data) throws IOException {
        AdminSecretFile.resolve(Optional.empty(), data);
        AdminSecretFile.Resolved own = AdminSecretFile.resolve(Optional.of(" leads-own-secret\n"), data);
        assertEquals(AdminSecretFile.Source.CONFIGURED, own.source());
        assertEquals("leads-own-secret", own.secret());
        assertFalse(Files.exists(data.resolve(AdminSecretFile.FILE_NAME)), "a stale file would print a secret that opens nothing");
    }

    @Test
    void aDataDirectoryThatCannotHoldTheFileIsAnError(@TempDir Path data) throws IOException {
        Path notADirectory = Files.writeString(data.resolve("plain-file"), "x");
        assertThrows(IOException.class, () -> AdminSecretFile.resolve(Optional.empty(), notADirectory));
    }
}
