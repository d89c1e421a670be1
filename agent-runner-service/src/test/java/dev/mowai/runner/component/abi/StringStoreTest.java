package dev.mowai.runner.component.abi;

import static dev.mowai.runner.component.abi.Types.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.mowai.runner.component.types.Val;
import dev.mowai.runner.component.types.ValType.Primitive;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Host strings written into guest memory follow the spec's allocation sequence for a UTF-16 source. */
class StringStoreTest {
    final ByteArrayMemory mem = new ByteArrayMemory(1 << 16);

    private Object[] lower(String s, StringEncoding enc) {
        return CanonicalAbi.lowerArguments(func(List.of(Primitive.STRING), null), List.of(str(s)), mem.options(enc), new HandleTables());
    }

    private byte[] at(int ptr, int len) {
        return Arrays.copyOfRange(mem.bytes, ptr, ptr + len);
    }

    private int[] call(int i) {
        return Arrays.copyOf(mem.reallocCalls.get(i), 4);
    }

    @Test
    void asciiToUtf8AllocatesOnceWithTheExactLength() {
        Object[] core = lower("hello", StringEncoding.UTF8);
        assertEquals(1, mem.reallocCalls.size());
        assertArrayEquals(new int[] {0, 0, 1, 5}, call(0));
        assertEquals(5, core[1]);
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), at((Integer) core[0], 5));
    }

    @Test
    void nonAsciiToUtf8GrowsToTheWorstCaseThenShrinks() {
        String s = "ab€🌍"; // 2 + 1 + 2 UTF-16 units = 5; UTF-8: 2 + 3 + 4 = 9 bytes
        Object[] core = lower(s, StringEncoding.UTF8);
        assertEquals(3, mem.reallocCalls.size());
        int first = mem.reallocCalls.get(0)[4];
        int grown = mem.reallocCalls.get(1)[4];
        assertArrayEquals(new int[] {0, 0, 1, 5}, call(0));
        assertArrayEquals(new int[] {first, 5, 1, 15}, call(1));
        assertArrayEquals(new int[] {grown, 15, 1, 9}, call(2));
        assertEquals(9, core[1]);
        assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), at((Integer) core[0], 9));
    }

    @Test
    void utf16CopiesWithTwoByteAlignment() {
        Object[] core = lower("é🌍", StringEncoding.UTF16);
        assertArrayEquals(new int[] {0, 0, 2, 6}, call(0));
        assertEquals(3, core[1]);
        assertArrayEquals("é🌍".getBytes(StandardCharsets.UTF_16LE), at((Integer) core[0], 6));
    }

    @Test
    void latin1OrUtf16DeflatesLatin1Text() {
        Object[] core = lower("café", StringEncoding.LATIN1_UTF16);
        int first = mem.reallocCalls.get(0)[4];
        assertArrayEquals(new int[] {0, 0, 2, 8}, call(0));
        assertArrayEquals(new int[] {first, 8, 1, 4}, call(1));
        assertEquals(4, core[1]);
        assertArrayEquals("café".getBytes(StandardCharsets.ISO_8859_1), at((Integer) core[0], 4));
    }

    @Test
    void latin1OrUtf16KeepsUtf16AndTagsTheLength() {
        Object[] core = lower("a€", StringEncoding.LATIN1_UTF16);
        assertEquals(1, mem.reallocCalls.size());
        assertEquals((int) (2 | Strings.UTF16_TAG), core[1]);
        assertArrayEquals("a€".getBytes(StandardCharsets.UTF_16LE), at((Integer) core[0], 4));
    }

    @Test
    void largeStringsCrossBothWays() {
        ByteArrayMemory big = new ByteArrayMemory(8 << 20);
        String s = "é🌍x".repeat(300_000); // > 1 MB in every encoding
        for (StringEncoding enc : StringEncoding.values()) {
            CanonOptions o = big.options(enc);
            big.top = 16;
            Object[] core = CanonicalAbi.lowerArguments(func(List.of(Primitive.STRING), null), List.of(str(s)), o, new HandleTables());
            assertEquals(List.of(new Val.Str(s)), CanonicalAbi.liftArguments(func(List.of(Primitive.STRING), null), core, o, new HandleTables()));
        }
    }

    @Test
    void hostStringsWithUnpairedSurrogatesAreRefusedBeforeTouchingTheGuest() {
        Trap t = assertThrows(Trap.class, () -> lower("ok\uD800", StringEncoding.UTF8));
        assertTrue(t.getMessage().contains("unpaired surrogate at index 2"), t.getMessage());
        assertEquals(0, mem.reallocCalls.size());
    }
}
