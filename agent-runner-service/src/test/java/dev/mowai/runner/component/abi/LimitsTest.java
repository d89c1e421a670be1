package dev.mowai.runner.component.abi;

import static dev.mowai.runner.component.abi.Types.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.Val;
import dev.mowai.runner.component.types.ValType.Primitive;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

/** Boundary caps: exceeding one is a {@link BoundaryLimitExceeded} naming the limit. */
class LimitsTest {
    final ByteArrayMemory mem = new ByteArrayMemory(1 << 16);
    final BoundaryLimits small = new BoundaryLimits(100, 10, 300);

    private CanonOptions opts(StringEncoding enc) {
        return new CanonOptions(enc, mem, mem.realloc, small);
    }

    @Test
    void guestStringLongerThanTheCapTraps() {
        BoundaryLimitExceeded e = assertThrows(BoundaryLimitExceeded.class, () -> CanonicalAbi.liftArguments(
                func(List.of(Primitive.STRING), null), new Object[] {16, 101}, opts(StringEncoding.UTF8), new HandleTables()));
        assertEquals("max-string-bytes", e.limitName());
        assertEquals(100, e.limit());
        assertEquals(101, e.actual());
        assertTrue(e.getMessage().contains("max-string-bytes = 100"), e.getMessage());
        // utf-16 counts bytes: 51 code units are 102 bytes
        assertThrows(BoundaryLimitExceeded.class, () -> CanonicalAbi.liftArguments(
                func(List.of(Primitive.STRING), null), new Object[] {16, 51}, opts(StringEncoding.UTF16), new HandleTables()));
        assertDoesNotThrow(() -> CanonicalAbi.liftArguments(
                func(List.of(Primitive.STRING), null), new Object[] {16, 100}, opts(StringEncoding.UTF8), new HandleTables()));
    }

    @Test
    void guestListLongerThanTheCapTraps() {
        BoundaryLimitExceeded e = assertThrows(BoundaryLimitExceeded.class, () -> CanonicalAbi.liftArguments(
                func(List.of(list(Primitive.U8)), null), new Object[] {16, 11}, opts(StringEncoding.UTF8), new HandleTables()));
        assertEquals("max-list-length", e.limitName());
    }

    @Test
    void zeroSizedElementsStillCountSoAHugeListOfNothingIsRefused() {
        // 2^31 empty tuples fit in zero bytes of memory; without the cap this would build 2^31 objects.
        BoundaryLimitExceeded e = assertThrows(BoundaryLimitExceeded.class, () -> CanonicalAbi.liftArguments(
                func(List.of(list(tuple())), null), new Object[] {16, Integer.MIN_VALUE}, opts(StringEncoding.UTF8), new HandleTables()));
        assertEquals("max-list-length", e.limitName());
    }

    @Test
    void aliasedStringsAreBoundedByTheTotal() {
        // A list of 10 string descriptors all pointing at the same 100 bytes: 1000 bytes lifted from 100.
        for (int i = 0; i < 10; i++) {
            mem.store32(1000 + 8L * i, 2000);
            mem.store32(1004 + 8L * i, 100);
        }
        BoundaryLimitExceeded e = assertThrows(BoundaryLimitExceeded.class, () -> CanonicalAbi.liftArguments(
                func(List.of(list(Primitive.STRING)), null), new Object[] {1000, 10}, opts(StringEncoding.UTF8), new HandleTables()));
        assertEquals("max-total-bytes", e.limitName());
    }

    @Test
    void liftedByteListsStayByteArraysEvenWhenAliased() {
        // 10 list<u8> descriptors over the same 30 bytes: each lifted list is one array, not 30 objects
        for (int i = 0; i < 10; i++) {
            mem.store32(1000 + 8L * i, 2000);
            mem.store32(1004 + 8L * i, 30);
        }
        for (int i = 0; i < 30; i++) {
            mem.store8(2000 + i, (byte) (200 + i));
        }
        CanonOptions roomy = new CanonOptions(StringEncoding.UTF8, mem, mem.realloc, new BoundaryLimits(100, 1000, 10_000));
        Val.ListVal outer = (Val.ListVal) CanonicalAbi.liftArguments(func(List.of(list(list(Primitive.U8))), null),
                new Object[] {1000, 10}, roomy, new HandleTables()).get(0);
        Val.ListVal first = (Val.ListVal) outer.elements().get(0);
        assertInstanceOf(dev.mowai.runner.component.types.ByteList.class, first.elements());
        assertEquals(new Val.U8(229), first.elements().get(29));
        assertEquals(new Val.ListVal(java.util.stream.IntStream.range(0, 30).mapToObj(b -> (Val) new Val.U8(200 + b)).toList()), first,
                "equal to the same values as objects");
    }

    @Test
    void listsOfObjectsAreChargedTheirHostCost() {
        CanonOptions longLists = new CanonOptions(StringEncoding.UTF8, mem, mem.realloc, new BoundaryLimits(100, 1000, 300));
        // 11 u32 are 44 guest bytes but 11 objects on the host: 44 + 11 * 24 = 308 > 300
        BoundaryLimitExceeded e = assertThrows(BoundaryLimitExceeded.class, () -> CanonicalAbi.liftArguments(
                func(List.of(list(Primitive.U32)), null), new Object[] {16, 11}, longLists, new HandleTables()));
        assertEquals("max-total-bytes", e.limitName());
        assertDoesNotThrow(() -> CanonicalAbi.liftArguments(
                func(List.of(list(Primitive.U32)), null), new Object[] {16, 10}, longLists, new HandleTables()));
        // bytes cost only their bytes: 250 u8 fit in 300
        assertDoesNotThrow(() -> CanonicalAbi.liftArguments(
                func(List.of(list(Primitive.U8)), null), new Object[] {16, 250}, longLists, new HandleTables()));
    }

    @Test
    void hostValuesOverTheCapAreRefusedBeforeTheGuestIsTouched() {
        FuncType ft = func(List.of(Primitive.STRING), null);
        HandleTables tables = new HandleTables();
        BoundaryLimitExceeded e = assertThrows(BoundaryLimitExceeded.class, () -> CanonicalAbi.lowerArguments(
                ft, List.of(str("x".repeat(101))), opts(StringEncoding.UTF8), tables));
        assertEquals("max-string-bytes", e.limitName());
        assertEquals(0, mem.reallocCalls.size());
        // 60 chars of 'é' are 120 utf-8 bytes but 60 latin-1 bytes
        assertThrows(BoundaryLimitExceeded.class, () -> CanonicalAbi.lowerArguments(ft, List.of(str("é".repeat(60))), opts(StringEncoding.UTF8), tables));
        assertDoesNotThrow(() -> CanonicalAbi.lowerArguments(ft, List.of(str("é".repeat(60))), opts(StringEncoding.LATIN1_UTF16), tables));

        FuncType lists = func(List.of(list(Primitive.U8)), null);
        List<Val> eleven = Collections.nCopies(11, new Val.U8(1));
        assertThrows(BoundaryLimitExceeded.class, () -> CanonicalAbi.lowerArguments(lists, List.of(new Val.ListVal(eleven)), opts(StringEncoding.UTF8), tables));
    }

    @Test
    void hostResultOverTheCapIsRefused() {
        FuncType ft = func(List.of(), Primitive.STRING);
        HandleTables tables = new HandleTables();
        CanonicalAbi.liftArguments(ft, new Object[] {64}, opts(StringEncoding.UTF8), tables);
        assertThrows(BoundaryLimitExceeded.class, () -> CanonicalAbi.lowerResult(ft, java.util.Optional.of(str("y".repeat(200))),
                new Object[] {64}, opts(StringEncoding.UTF8), tables));
        assertEquals(0, mem.reallocCalls.size());
    }

    @Test
    void negativeLimitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BoundaryLimits(-1, 1, 1));
    }
}
