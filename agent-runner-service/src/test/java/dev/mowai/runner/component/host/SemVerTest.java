package dev.mowai.runner.component.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerTest {

    @Test
    void parsesAllParts() {
        SemVer v = SemVer.parse("1.22.333-rc.1+build.5");
        assertEquals(1, v.major());
        assertEquals(22, v.minor());
        assertEquals(333, v.patch());
        assertEquals("rc.1", v.preRelease());
        assertEquals("build.5", v.build());
        assertTrue(v.isPreRelease());
        assertEquals("1.22.333-rc.1+build.5", v.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.03", "a.b.c", "1.2.3-", "1.2.3+",
            "-1.2.3", "1.2.3-rc..1", " 1.2.3", "1.2.3 ", "99999999999.0.0"})
    void rejectsMalformed(String text) {
        assertTrue(SemVer.tryParse(text).isEmpty(), text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SemVer.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void ordersBySemverPrecedence() {
        List<String> ascending = List.of("0.1.0", "0.2.0-rc.1", "0.2.0-rc.2", "0.2.0-rc.10", "0.2.0-rc-2023-11-10",
                "0.2.0", "0.2.1", "0.2.12", "0.10.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0", "2.0.0");
        for (int i = 0; i + 1 < ascending.size(); i++) {
            SemVer a = SemVer.parse(ascending.get(i));
            SemVer b = SemVer.parse(ascending.get(i + 1));
            assertTrue(a.compareTo(b) < 0, a + " < " + b);
            assertTrue(b.compareTo(a) > 0, b + " > " + a);
        }
        assertEquals(0, SemVer.parse("1.0.0+a").compareTo(SemVer.parse("1.0.0+b")), "build metadata is ignored");
    }

    @Test
    void tracksFollowComponentModelRules() {
        assertEquals("0.2", SemVer.parse("0.2.7").track());
        assertEquals("1", SemVer.parse("1.4.0").track());
        assertEquals("0.0.3", SemVer.parse("0.0.3").track());
        assertEquals("0.2.0-rc.1", SemVer.parse("0.2.0-rc.1").track());
    }

    @Test
    void satisfiedOnlyBySameTrackAndNotOlder() {
        SemVer provided = SemVer.parse("0.2.12");
        for (int patch = 0; patch <= 12; patch++) {
            assertTrue(SemVer.of(0, 2, patch).isSatisfiedBy(provided), "0.2." + patch);
        }
        assertFalse(SemVer.parse("0.2.13").isSatisfiedBy(provided));
        assertFalse(SemVer.parse("0.3.0").isSatisfiedBy(provided));
        assertFalse(SemVer.parse("0.1.9").isSatisfiedBy(provided));
        assertFalse(SemVer.parse("1.0.0").isSatisfiedBy(provided));
        assertFalse(SemVer.parse("0.2.0-rc.1").isSatisfiedBy(provided));
        assertTrue(SemVer.parse("1.0.0").isSatisfiedBy(SemVer.parse("1.3.0")));
        assertTrue(SemVer.parse("0.0.3").isSatisfiedBy(SemVer.parse("0.0.3")));
        assertFalse(SemVer.parse("0.0.2").isSatisfiedBy(SemVer.parse("0.0.3")));
    }
}
