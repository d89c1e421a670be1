package dev.mowai.runner.component.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryCapTest {
    private static final byte[] HEADER = {0, 'a', 's', 'm', 1, 0, 0, 0};

    private static byte[] module(byte[]... sections) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(HEADER);
        for (byte[] s : sections) {
            out.writeBytes(s);
        }
        return out.toByteArray();
    }

    @Test
    void addsOrLowersTheMaximumAndKeepsOtherSections() {
        byte[] type = {1, 4, 1, 0x60, 0, 0};
        // memory section: two memories, (min 1, no max) and (min 2, max 65536 = 0x80 0x80 0x04)
        byte[] mem = {5, 8, 2, 0x00, 1, 0x01, 2, (byte) 0x80, (byte) 0x80, 0x04};
        byte[] custom = {0, 3, 1, 'x', 9};
        byte[] capped = MemoryCap.apply(module(type, mem, custom), 256, "m");
        // memory section: both now max 256 (0x80 0x02)
        byte[] expectedMem = {5, 9, 2, 0x01, 1, (byte) 0x80, 0x02, 0x01, 2, (byte) 0x80, 0x02};
        assertArrayEquals(module(type, expectedMem, custom), capped);
    }

    @Test
    void leavesModulesWithinTheCapUntouched() {
        byte[] m = module(new byte[] {5, 4, 1, 0x01, 1, 10});
        assertSame(m, MemoryCap.apply(m, 256, "m"));
        byte[] noMemory = module(new byte[] {1, 4, 1, 0x60, 0, 0});
        assertSame(noMemory, MemoryCap.apply(noMemory, 256, "m"));
    }

    @Test
    void refusesMinimumAboveCapAnd64BitMemoriesAndMalformedSections() {
        var e = assertThrows(LinkException.class,
                () -> MemoryCap.apply(module(new byte[] {5, 4, 1, 0x00, (byte) 0x81, 0x02}), 256, "m"));
        assertTrue(e.getMessage().contains("needs at least 257 pages"), e.getMessage());
        e = assertThrows(LinkException.class, () -> MemoryCap.apply(module(new byte[] {5, 3, 1, 0x04, 1}), 256, "m"));
        assertTrue(e.getMessage().contains("64-bit memories"), e.getMessage());
        e = assertThrows(LinkException.class, () -> MemoryCap.apply(module(new byte[] {5, 9, 1, 0x00}), 256, "m"));
        assertTrue(e.getMessage().contains("runs past the end"), e.getMessage());
    }
}
