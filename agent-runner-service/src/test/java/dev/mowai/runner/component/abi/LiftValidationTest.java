package dev.mowai.runner.component.abi;

import static dev.mowai.runner.component.abi.Types.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.Val;
import dev.mowai.runner.component.types.ValType;
import dev.mowai.runner.component.types.ValType.Primitive;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

/** Guest-controlled values that break a rule trap with a message naming the problem; nothing is repaired. */
class LiftValidationTest {
    final ByteArrayMemory mem = new ByteArrayMemory(1024);

    private List<Val> liftArgs(ValType t, StringEncoding enc, Object... core) {
        return CanonicalAbi.liftArguments(func(List.of(t), null), core, mem.options(enc), new HandleTables());
    }

    private Trap trap(ValType t, StringEncoding enc, Object... core) {
        return assertThrows(Trap.class, () -> liftArgs(t, enc, core));
    }

    private void put(int addr, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            mem.bytes[addr + i] = (byte) bytes[i];
        }
    }

    @Test
    void invalidUtf8Traps() {
        int[][] bad = {
            {0xc3},                   // truncated 2-byte sequence
            {0x80},                   // lone continuation byte
            {0xc0, 0xaf},             // overlong encoding
            {0xed, 0xa0, 0x80},       // encoded surrogate
            {0xf4, 0x90, 0x80, 0x80}, // beyond U+10FFFF
            {0x41, 0xff, 0x42},       // invalid byte
        };
        for (int[] b : bad) {
            put(100, b);
            Trap t = trap(Primitive.STRING, StringEncoding.UTF8, 100, b.length);
            assertTrue(t.getMessage().contains("invalid utf-8"), t.getMessage());
        }
        put(100, 0x68, 0xc3, 0xa9);
        assertEquals(List.of(str("hé")), liftArgs(Primitive.STRING, StringEncoding.UTF8, 100, 3));
    }

    @Test
    void invalidUtf16Traps() {
        put(100, 0x00, 0xd8, 0x41, 0x00); // high surrogate followed by 'A'
        assertTrue(trap(Primitive.STRING, StringEncoding.UTF16, 100, 2).getMessage().contains("unpaired surrogate"));
        put(100, 0x00, 0xdc); // lone low surrogate
        assertTrue(trap(Primitive.STRING, StringEncoding.UTF16, 100, 1).getMessage().contains("unpaired surrogate"));
        put(100, 0x3c, 0xd8, 0x0d, 0xdf); // U+1F30D as a pair
        assertEquals(List.of(str("🌍")), liftArgs(Primitive.STRING, StringEncoding.UTF16, 100, 2));
        // latin1+utf16 with the tag set decodes UTF-16 and validates it too
        assertEquals(List.of(str("🌍")), liftArgs(Primitive.STRING, StringEncoding.LATIN1_UTF16, 100, (int) (2 | Strings.UTF16_TAG)));
        put(100, 0x00, 0xd8);
        assertThrows(Trap.class, () -> liftArgs(Primitive.STRING, StringEncoding.LATIN1_UTF16, 100, (int) (1 | Strings.UTF16_TAG)));
        put(100, 0xe9, 0xff);
        assertEquals(List.of(str("éÿ")), liftArgs(Primitive.STRING, StringEncoding.LATIN1_UTF16, 100, 2));
    }

    @Test
    void misalignedStringsTrap() {
        assertTrue(trap(Primitive.STRING, StringEncoding.UTF16, 101, 1).getMessage().contains("aligned"));
        assertTrue(trap(Primitive.STRING, StringEncoding.LATIN1_UTF16, 101, 1).getMessage().contains("aligned"));
        assertEquals(List.of(str("")), liftArgs(Primitive.STRING, StringEncoding.UTF8, 101, 0));
    }

    @Test
    void outOfBoundsStringsAndListsTrapBeforeReading() {
        assertTrue(trap(Primitive.STRING, StringEncoding.UTF8, 1000, 25).getMessage().contains("beyond guest memory"));
        assertTrue(trap(Primitive.STRING, StringEncoding.UTF8, -1, 1).getMessage().contains("beyond guest memory"));
        assertTrue(trap(Primitive.STRING, StringEncoding.UTF16, 0, 0x7fffffff).getMessage().contains("beyond guest memory"));
        assertTrue(trap(list(Primitive.U32), StringEncoding.UTF8, 1020, 2).getMessage().contains("beyond guest memory"));
        assertTrue(trap(list(Primitive.U32), StringEncoding.UTF8, 0, -1).getMessage().contains("beyond guest memory"));
        assertTrue(trap(list(Primitive.U32), StringEncoding.UTF8, 2, 1).getMessage().contains("aligned"));
        assertTrue(trap(list(Primitive.U64), StringEncoding.UTF8, 4, 1).getMessage().contains("aligned"));
    }

    @Test
    void charsOutsideTheScalarRangeTrap() {
        assertTrue(trap(Primitive.CHAR, StringEncoding.UTF8, 0x110000).getMessage().contains("beyond U+10FFFF"));
        assertTrue(trap(Primitive.CHAR, StringEncoding.UTF8, -1).getMessage().contains("beyond U+10FFFF"));
        assertTrue(trap(Primitive.CHAR, StringEncoding.UTF8, 0xD800).getMessage().contains("surrogate"));
        assertTrue(trap(Primitive.CHAR, StringEncoding.UTF8, 0xDFFF).getMessage().contains("surrogate"));
        assertEquals(List.of(new Val.Char(0xE000)), liftArgs(Primitive.CHAR, StringEncoding.UTF8, 0xE000));
        put(200, 0x00, 0xd8, 0, 0);
        assertThrows(Trap.class, () -> liftArgs(list(Primitive.CHAR), StringEncoding.UTF8, 200, 1));
    }

    @Test
    void discriminantsOutOfRangeTrapFlatAndInMemory() {
        assertTrue(trap(enumOf(3), StringEncoding.UTF8, 3).getMessage().contains("discriminant 3"));
        assertTrue(trap(option(Primitive.U8), StringEncoding.UTF8, 2, 0).getMessage().contains("out of range"));
        assertTrue(trap(result(Primitive.U8, null), StringEncoding.UTF8, -1, 0).getMessage().contains("4294967295"));
        put(300, 2, 0);
        assertTrue(trap(list(option(Primitive.U8)), StringEncoding.UTF8, 300, 1).getMessage().contains("discriminant 2"));
        put(300, 0x2c, 0x01, 0, 0); // 300 for a 2-byte discriminant of a 257-case enum
        assertTrue(trap(list(enumOf(257)), StringEncoding.UTF8, 300, 1).getMessage().contains("discriminant 300"));
        put(300, 0, 1);
        assertEquals(List.of(new Val.ListVal(List.of(new Val.EnumVal(256)))), liftArgs(list(enumOf(257)), StringEncoding.UTF8, 300, 1));
    }

    @Test
    void boolIsTrueForAnyNonZeroBitPattern() {
        // The spec's convert_int_to_bool: 0 is false, every other value true (flat and in memory).
        assertEquals(List.of(new Val.Bool(true)), liftArgs(Primitive.BOOL, StringEncoding.UTF8, 2));
        assertEquals(List.of(new Val.Bool(false)), liftArgs(Primitive.BOOL, StringEncoding.UTF8, 0));
        put(400, 0x80, 0);
        assertEquals(List.of(new Val.ListVal(List.of(new Val.Bool(true), new Val.Bool(false)))),
                liftArgs(list(Primitive.BOOL), StringEncoding.UTF8, 400, 2));
    }

    @Test
    void integersAreWrappedToTheirWidthAsTheSpecSays() {
        assertEquals(List.of(new Val.U8(0x34)), liftArgs(Primitive.U8, StringEncoding.UTF8, 0x1234));
        assertEquals(List.of(new Val.S8((byte) -1)), liftArgs(Primitive.S8, StringEncoding.UTF8, 0xff));
        assertEquals(List.of(new Val.U16(0xffff)), liftArgs(Primitive.U16, StringEncoding.UTF8, -1));
    }

    @Test
    void spilledResultPointerMustBeAlignedAndInBounds() {
        FuncType ft = func(List.of(), Primitive.STRING);
        HandleTables tables = new HandleTables();
        CanonOptions o = mem.options(StringEncoding.UTF8);
        CanonicalAbi.lowerArguments(ft, List.of(), o, tables);
        Trap misaligned = assertThrows(Trap.class, () -> CanonicalAbi.liftResult(ft, 2, o, tables));
        assertTrue(misaligned.getMessage().contains("result pointer 0x2 is not 4-byte aligned"), misaligned.getMessage());
        CanonicalAbi.lowerArguments(ft, List.of(), o, tables);
        Trap oob = assertThrows(Trap.class, () -> CanonicalAbi.liftResult(ft, 1020, o, tables));
        assertTrue(oob.getMessage().contains("beyond guest memory"), oob.getMessage());
    }

    @Test
    void spilledArgumentPointerAndReturnPointerAreChecked() {
        FuncType many = func(java.util.Collections.nCopies(17, Primitive.U32), null);
        HandleTables tables = new HandleTables();
        CanonOptions o = mem.options(StringEncoding.UTF8);
        assertThrows(Trap.class, () -> CanonicalAbi.liftArguments(many, new Object[] {1}, o, tables));
        assertThrows(Trap.class, () -> CanonicalAbi.liftArguments(many, new Object[] {1000}, o, tables));

        FuncType ret = func(List.of(), Primitive.STRING);
        CanonicalAbi.liftArguments(ret, new Object[] {1021}, o, tables);
        Trap t = assertThrows(Trap.class, () -> CanonicalAbi.lowerResult(ret, Optional.of(str("x")), new Object[] {1021}, o, tables));
        assertTrue(t.getMessage().contains("return pointer"), t.getMessage());
    }

    @Test
    void missingMemoryOrReallocIsAClearTrap() {
        CanonOptions noMemory = new CanonOptions(StringEncoding.UTF8, null, null);
        Trap t = assertThrows(Trap.class, () -> CanonicalAbi.liftArguments(func(List.of(Primitive.STRING), null),
                new Object[] {0, 0}, noMemory, new HandleTables()));
        assertTrue(t.getMessage().contains("no memory canon option"), t.getMessage());
        CanonOptions noRealloc = new CanonOptions(StringEncoding.UTF8, mem, null);
        Trap r = assertThrows(Trap.class, () -> CanonicalAbi.lowerArguments(func(List.of(Primitive.STRING), null),
                List.of(str("x")), noRealloc, new HandleTables()));
        assertTrue(r.getMessage().contains("no realloc"), r.getMessage());
        // Scalars need neither.
        assertEquals(List.of(u32(5)), CanonicalAbi.liftArguments(func(List.of(Primitive.U32), null), new Object[] {5}, noMemory, new HandleTables()));
    }

    @Test
    void reallocReturningBadPointersTraps() {
        Realloc misaligned = (p, s, a, n) -> 1;
        CanonOptions o = new CanonOptions(StringEncoding.UTF16, mem, misaligned);
        Trap t = assertThrows(Trap.class, () -> CanonicalAbi.lowerArguments(func(List.of(Primitive.STRING), null), List.of(str("hi")), o, new HandleTables()));
        assertTrue(t.getMessage().contains("not 2-byte aligned"), t.getMessage());
        Realloc beyond = (p, s, a, n) -> 1020;
        CanonOptions o2 = new CanonOptions(StringEncoding.UTF8, mem, beyond);
        Trap t2 = assertThrows(Trap.class, () -> CanonicalAbi.lowerArguments(func(List.of(list(Primitive.U32)), null),
                List.of(new Val.ListVal(List.of(u32(1), u32(2)))), o2, new HandleTables()));
        assertTrue(t2.getMessage().contains("beyond guest memory"), t2.getMessage());
    }
}
