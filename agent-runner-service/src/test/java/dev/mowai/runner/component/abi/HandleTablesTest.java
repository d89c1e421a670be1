package dev.mowai.runner.component.abi;

import static dev.mowai.runner.component.abi.Types.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.ResourceType;
import dev.mowai.runner.component.types.Val;
import dev.mowai.runner.component.types.ValType;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

class HandleTablesTest {
    final ResourceType file = new ResourceType("file");
    final ResourceType socket = new ResourceType("socket");
    final HandleTables tables = new HandleTables();
    final ByteArrayMemory mem = new ByteArrayMemory(1024);
    final CanonOptions opts = mem.options(StringEncoding.UTF8);
    final List<Object> destroyed = new ArrayList<>();

    @Test
    void ownHandlesStartAtOneAndFreedIndicesAreReused() {
        int a = tables.insertOwn(file, "a");
        int b = tables.insertOwn(file, "b");
        assertEquals(1, a);
        assertEquals(2, b);
        assertEquals("a", tables.removeOwn(file, a));
        assertEquals(a, tables.insertOwn(file, "c"));
        assertEquals(2, tables.liveHandles());
    }

    @Test
    void liveHandlesPerInstanceAreCapped() {
        // the spec allows 2^28 handles: a guest calling resource.new in a loop would take gigabytes of heap
        HandleTables small = new HandleTables(3);
        for (int i = 0; i < 3; i++) {
            small.insertOwn(file, i);
        }
        Trap full = assertThrows(Trap.class, () -> small.insertOwn(file, "one too many"));
        assertTrue(full.getMessage().contains("handle table is full: 3 live handles per instance"), full.getMessage());
        small.removeOwn(file, 2);
        assertEquals(2, small.insertOwn(file, "room again"));
        // the default is far below the spec's bound
        HandleTables defaults = new HandleTables();
        for (int i = 0; i < HandleTables.DEFAULT_MAX_HANDLES; i++) {
            defaults.insertOwn(file, i);
        }
        assertThrows(Trap.class, () -> defaults.insertOwn(file, "over"));
        assertThrows(IllegalArgumentException.class, () -> new HandleTables(0));
    }

    @Test
    void invalidDroppedOrMistypedHandlesTrap() {
        int a = tables.insertOwn(file, "a");
        assertTrue(assertThrows(Trap.class, () -> tables.rep(file, 0)).getMessage().contains("invalid handle 0"));
        assertTrue(assertThrows(Trap.class, () -> tables.rep(file, 7)).getMessage().contains("invalid handle 7"));
        assertTrue(assertThrows(Trap.class, () -> tables.rep(file, -1)).getMessage().contains("invalid handle 4294967295"));
        assertTrue(assertThrows(Trap.class, () -> tables.rep(socket, a)).getMessage().contains("is a file, not a socket"));
        tables.drop(file, a);
        assertThrows(Trap.class, () -> tables.drop(file, a));
        assertThrows(Trap.class, () -> tables.removeOwn(file, a));
    }

    @Test
    void dropRunsTheDestructorOfOwnHandlesOnly() {
        tables.defineResource(file, false, destroyed::add);
        int a = tables.insertOwn(file, "a");
        tables.drop(file, a);
        assertEquals(List.of("a"), destroyed);
        int moved = tables.insertOwn(file, "b");
        tables.removeOwn(file, moved); // moving out does not destroy
        assertEquals(List.of("a"), destroyed);
    }

    @Test
    void aBorrowLiftedForAHostCallLendsTheHandleUntilTheCallEnds() {
        tables.defineResource(file, false, destroyed::add);
        int h = tables.insertOwn(file, "f");
        FuncType ft = func(List.of(new ValType.Borrow(file)), null);
        List<Val> args = CanonicalAbi.liftArguments(ft, new Object[] {h}, opts, tables);
        assertEquals(List.of(new Val.Borrow(file, "f")), args);
        // While the host call runs, the handle is lent: neither movable nor droppable.
        assertTrue(assertThrows(Trap.class, () -> tables.drop(file, h)).getMessage().contains("lent out"));
        assertTrue(assertThrows(Trap.class, () -> tables.removeOwn(file, h)).getMessage().contains("lent out"));
        CanonicalAbi.lowerResult(ft, Optional.empty(), new Object[] {h}, opts, tables);
        tables.drop(file, h);
        assertEquals(List.of("f"), destroyed);
    }

    @Test
    void liftingAnOwnFromABorrowHandleTraps() {
        FuncType export = func(List.of(new ValType.Borrow(file)), null);
        Object[] core = CanonicalAbi.lowerArguments(export, List.of(new Val.Borrow(file, "host-rep")), opts, tables);
        int h = (Integer) core[0];
        assertTrue(assertThrows(Trap.class, () -> tables.removeOwn(file, h)).getMessage().contains("is a borrow"));
        tables.drop(file, h);
        CanonicalAbi.liftResult(export, null, opts, tables);
    }

    @Test
    void anExportMustDropTheBorrowsItWasGivenBeforeReturning() {
        FuncType export = func(List.of(new ValType.Borrow(file)), null);
        CanonicalAbi.lowerArguments(export, List.of(new Val.Borrow(file, "host-rep")), opts, tables);
        Trap t = assertThrows(Trap.class, () -> CanonicalAbi.liftResult(export, null, opts, tables));
        assertTrue(t.getMessage().contains("1 borrowed handle(s)"), t.getMessage());
    }

    @Test
    void borrowsIntoTheImplementingInstancePassTheRep() {
        tables.defineResource(file, true, null);
        FuncType export = func(List.of(new ValType.Borrow(file)), null);
        Object[] core = CanonicalAbi.lowerArguments(export, List.of(new Val.Borrow(file, 77)), opts, tables);
        assertArrayEquals(new Object[] {77}, core);
        assertEquals(0, tables.liveHandles());
        CanonicalAbi.liftResult(export, null, opts, tables);
        Trap t = assertThrows(Trap.class, () -> CanonicalAbi.lowerArguments(export, List.of(new Val.Borrow(file, "not an i32")), opts, tables));
        assertTrue(t.getMessage().contains("must be an i32"), t.getMessage());
    }

    @Test
    void ownHandlesMoveBetweenHostAndGuest() {
        FuncType export = func(List.of(new ValType.Own(file)), new ValType.Own(file));
        Object[] core = CanonicalAbi.lowerArguments(export, List.of(new Val.Own(file, "x")), opts, tables);
        assertEquals(1, tables.liveHandles());
        assertEquals(Optional.of(new Val.Own(file, "x")), CanonicalAbi.liftResult(export, core[0], opts, tables));
        assertEquals(0, tables.liveHandles());
        // The guest cannot give back the same handle twice.
        CanonicalAbi.lowerArguments(func(List.of(), null), List.of(), opts, tables);
        assertThrows(Trap.class, () -> CanonicalAbi.liftResult(export, core[0], opts, tables));
    }

    @Test
    void hostValuesOfTheWrongResourceAreRefused() {
        FuncType export = func(List.of(new ValType.Own(file)), null);
        Trap t = assertThrows(Trap.class, () -> CanonicalAbi.lowerArguments(export, List.of(new Val.Own(socket, "s")), opts, tables));
        assertTrue(t.getMessage().contains("own handle of socket where file was expected"), t.getMessage());
    }
}
