package dev.mowai.runner.component.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImportNameTest {

    @Test
    void parsesVersionedInterface() {
        ImportName n = ImportName.parse("wasi:io/streams@0.2.3");
        assertTrue(n.isInterface());
        assertEquals("wasi:io/streams", n.qualified());
        assertEquals(Optional.of(SemVer.of(0, 2, 3)), n.version());
        assertEquals("wasi:io/streams@0.2.3", n.text());
    }

    @Test
    void parsesUnversionedInterfaceAndPlainName() {
        ImportName iface = ImportName.parse("wasi:cli/terminal-stdout");
        assertTrue(iface.isInterface());
        assertTrue(iface.version().isEmpty());
        ImportName plain = ImportName.parse("host-llm");
        assertFalse(plain.isInterface());
        assertEquals("host-llm", plain.qualified());
    }

    @Test
    void parsesPreReleaseVersion() {
        assertEquals("rc-2023-11-10",
                ImportName.parse("wasi:io/streams@0.2.0-rc-2023-11-10").version().orElseThrow().preRelease());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "host_llm", "-x", "x-", "a--b", "wasi:io", "wasi:io/", ":io/streams", "wasi:io/streams@",
            "wasi:io/streams@0.2", "wasi:io/streams@x", "host-llm@0.1.0", "wasi io/streams", "wasi:io/streams@0.2.0@1",
            "héllo", "1abc", "[method]a.b"})
    void rejectsMalformedNames(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImportName.parse(text));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void rejectsHugeNamesWithoutEchoingThem() {
        String huge = "a".repeat(100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImportName.parse(huge));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }
}
