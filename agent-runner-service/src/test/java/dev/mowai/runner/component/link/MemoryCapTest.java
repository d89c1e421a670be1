package dev.mowai.runner.component.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryCapTest {
    private static final byte[] HEADER = {0, 'a', 's', 'm', 1, 0, 0, 0};

    static byte[] module(byte[]... sections) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(HEADER);
        for (byte[] s : sections) {
            out.writeBytes(s);
        }
        return out.toByteArray();
    }

    private static MemoryCap.Caps memories(long... pages) {
        return new MemoryCap.Caps(pages, new long[0]);
    }

    @Test
    void setsTheMaximaAndKeepsOtherSections() {
        byte[] type = {1, 4, 1, 0x60, 0, 0};
        // memory section: two memories, (min 1, no max) and (min 2, max 65536 = 0x80 0x80 0x04)
        byte[] mem = {5, 8, 2, 0x00, 1, 0x01, 2, (byte) 0x80, (byte) 0x80, 0x04};
        byte[] custom = {0, 3, 1, 'x', 9};
        byte[] capped = MemoryCap.apply(module(type, mem, custom), memories(256, 3), "m");
        // memory section: max 256 (0x80 0x02) and 3
        byte[] expectedMem = {5, 8, 2, 0x01, 1, (byte) 0x80, 0x02, 0x01, 2, 3};
        assertArrayEquals(module(type, expectedMem, custom), capped);
    }

    @Test
    void capsTablesToo() {
        // table section: one funcref table (min 4, no max); memory: min 1, no max
        byte[] table = {4, 4, 1, 0x70, 0x00, 4};
        byte[] mem = {5, 3, 1, 0x00, 1};
        byte[] m = module(table, mem);
        assertEquals(new MemoryCap.Defined(List.of(new MemoryCap.Limit(1, -1)), List.of(new MemoryCap.Limit(4, -1))),
                MemoryCap.read(m, 0, m.length, "m"));
        byte[] capped = MemoryCap.apply(m, new MemoryCap.Caps(new long[] {2}, new long[] {9}), "m");
        assertArrayEquals(module(new byte[] {4, 5, 1, 0x70, 0x01, 4, 9}, new byte[] {5, 4, 1, 0x01, 1, 2}), capped);
    }

    @Test
    void leavesModulesAtTheirCapsUntouched() {
        byte[] m = module(new byte[] {5, 4, 1, 0x01, 1, 10});
        assertSame(m, MemoryCap.apply(m, memories(10), "m"));
        byte[] noMemory = module(new byte[] {1, 4, 1, 0x60, 0, 0});
        assertSame(noMemory, MemoryCap.apply(noMemory, memories(), "m"));
    }

    @Test
    void refuses64BitMemoriesAndMalformedSections() {
        var e = assertThrows(LinkException.class, () -> MemoryCap.read(module(new byte[] {5, 3, 1, 0x04, 1}), 0, 13, "m"));
        assertTrue(e.getMessage().contains("64-bit memories"), e.getMessage());
        e = assertThrows(LinkException.class, () -> MemoryCap.read(module(new byte[] {5, 9, 1, 0x00}), 0, 12, "m"));
        assertTrue(e.getMessage().contains("runs past the end"), e.getMessage());
    }
}
