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
import java.util.Set;

/** Host values that do not fit their type are refused with a message, without touching the guest. */
class HostValueTest {
    final ByteArrayMemory mem = new ByteArrayMemory(1024);
    final CanonOptions opts = mem.options(StringEncoding.UTF8);

    private Trap refuse(ValType t, Val v) {
        Trap trap = assertThrows(Trap.class, () -> CanonicalAbi.lowerArguments(func(List.of(t), null), List.of(v), opts, new HandleTables()));
        assertEquals(0, mem.reallocCalls.size());
        return trap;
    }

    @Test
    void wrongShapesAndRanges() {
        assertTrue(refuse(Primitive.U32, str("1")).getMessage().contains("does not match type U32"));
        assertTrue(refuse(Primitive.U8, new Val.U8(256)).getMessage().contains("out of range for u8"));
        assertTrue(refuse(Primitive.U16, new Val.U16(-1)).getMessage().contains("out of range for u16"));
        assertTrue(refuse(Primitive.U32, u32(1L << 32)).getMessage().contains("out of range for u32"));
        assertTrue(refuse(Primitive.CHAR, new Val.Char(0xD800)).getMessage().contains("not a Unicode scalar"));
        assertTrue(refuse(record(Primitive.U8, Primitive.STRING), new Val.RecordVal(List.of(new Val.U8(1)))).getMessage().contains("1 record fields where 2"));
        assertTrue(refuse(tuple(Primitive.U8), new Val.TupleVal(List.of())).getMessage().contains("0 tuple elements where 1"));
        assertTrue(refuse(enumOf(2), new Val.EnumVal(2)).getMessage().contains("case 2 is out of range"));
        assertTrue(refuse(variant(Primitive.U8, null), new Val.VariantVal(0, Optional.empty())).getMessage().contains("needs a payload"));
        assertTrue(refuse(variant(Primitive.U8, null), new Val.VariantVal(1, Optional.of(new Val.U8(1)))).getMessage().contains("takes no payload"));
        assertTrue(refuse(result(null, Primitive.STRING), new Val.ResultVal(true, Optional.of(str("x")))).getMessage().contains("takes no payload"));
        assertTrue(refuse(flags(3), new Val.FlagsVal(Set.of(3))).getMessage().contains("flag index 3"));
        assertTrue(refuse(list(Primitive.STRING), new Val.ListVal(List.of(str("a"), new Val.U8(1)))).getMessage().contains("does not match"));
    }

    @Test
    void argumentCountMustMatch() {
        FuncType ft = func(List.of(Primitive.U8, Primitive.U8), null);
        assertThrows(Trap.class, () -> CanonicalAbi.lowerArguments(ft, List.of(new Val.U8(1)), opts, new HandleTables()));
    }

    @Test
    void resultPresenceMustMatch() {
        FuncType none = func(List.of(), null);
        HandleTables tables = new HandleTables();
        CanonicalAbi.liftArguments(none, new Object[0], opts, tables);
        assertThrows(Trap.class, () -> CanonicalAbi.lowerResult(none, Optional.of(new Val.U8(1)), new Object[0], opts, tables));
        FuncType some = func(List.of(), Primitive.U8);
        CanonicalAbi.liftArguments(some, new Object[0], opts, tables);
        assertThrows(Trap.class, () -> CanonicalAbi.lowerResult(some, Optional.empty(), new Object[0], opts, tables));
        CanonicalAbi.liftArguments(some, new Object[0], opts, tables);
        assertEquals(200, CanonicalAbi.lowerResult(some, Optional.of(new Val.U8(200)), new Object[0], opts, tables));
    }
}
