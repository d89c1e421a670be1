package dev.mowai.runner.component.abi;

import static dev.mowai.runner.component.abi.Types.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.mowai.runner.component.abi.Flattening.Context;
import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.ResourceType;
import dev.mowai.runner.component.types.Val;
import dev.mowai.runner.component.types.ValType;
import dev.mowai.runner.component.types.ValType.Primitive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every value type, host → guest → host: through core values (an export's lowered arguments read back
 * as an import's lifted arguments) and through memory (an import's result written at the return
 * pointer, read back as an export's spilled result).
 */
class RoundTripTest {
    static final ResourceType RES = new ResourceType("res");

    /** Lowers {@code v} as the argument of an export call and lifts the same core values back. */
    static Val viaFlat(ValType t, Val v, StringEncoding enc) {
        ByteArrayMemory mem = new ByteArrayMemory(1 << 16);
        CanonOptions o = mem.options(enc);
        HandleTables tables = new HandleTables();
        FuncType ft = func(List.of(t), null);
        Object[] core = CanonicalAbi.lowerArguments(ft, List.of(v), o, tables);
        assertCoreTypes(CanonicalAbi.flattenParams(ft, Context.LIFT), core);
        CanonicalAbi.liftResult(ft, null, o, tables);
        List<Val> back = CanonicalAbi.liftArguments(ft, core, o, tables);
        CanonicalAbi.lowerResult(ft, Optional.empty(), core, o, tables);
        return back.getFirst();
    }

    /** Stores {@code v} (with a u64 and a u8, so it always spills) as an import result and loads it back as an export result. */
    static Val viaMemory(ValType t, Val v, StringEncoding enc) {
        ByteArrayMemory mem = new ByteArrayMemory(1 << 16);
        CanonOptions o = mem.options(enc);
        HandleTables tables = new HandleTables();
        ValType pair = tuple(t, Primitive.U64, Primitive.U8);
        FuncType ft = func(List.of(), pair);
        int retptr = mem.realloc.realloc(0, 0, Layout.alignment(pair), Layout.size(pair));
        Object[] coreArgs = {retptr};
        assertEquals(List.of(CoreType.I32), CanonicalAbi.flattenParams(ft, Context.LOWER));
        assertEquals(List.of(), CanonicalAbi.liftArguments(ft, coreArgs, o, tables));
        Val sent = new Val.TupleVal(List.of(v, new Val.U64(-7), new Val.U8(9)));
        assertNull(CanonicalAbi.lowerResult(ft, Optional.of(sent), coreArgs, o, tables));
        assertEquals(0, CanonicalAbi.lowerArguments(ft, List.of(), o, tables).length);
        Val back = CanonicalAbi.liftResult(ft, retptr, o, tables).orElseThrow();
        assertEquals(new Val.U64(-7), ((Val.TupleVal) back).elements().get(1));
        return ((Val.TupleVal) back).elements().getFirst();
    }

    static void assertCoreTypes(List<CoreType> expected, Object[] core) {
        assertEquals(expected.size(), core.length, "core value count");
        for (int i = 0; i < core.length; i++) {
            Class<?> cls = switch (expected.get(i)) {
                case I32 -> Integer.class;
                case I64 -> Long.class;
                case F32 -> Float.class;
                case F64 -> Double.class;
            };
            assertInstanceOf(cls, core[i], "core value " + i);
        }
    }

    static void assertRoundTrips(ValType t, Val v) {
        for (StringEncoding enc : StringEncoding.values()) {
            assertEquals(v, viaFlat(t, v, enc), () -> "flat " + enc + " " + t);
            assertEquals(v, viaMemory(t, v, enc), () -> "memory " + enc + " " + t);
        }
    }

    @Test
    void primitivesIncludingExtremes() {
        assertRoundTrips(Primitive.BOOL, new Val.Bool(true));
        assertRoundTrips(Primitive.BOOL, new Val.Bool(false));
        assertRoundTrips(Primitive.S8, new Val.S8((byte) -128));
        assertRoundTrips(Primitive.U8, new Val.U8(255));
        assertRoundTrips(Primitive.S16, new Val.S16(Short.MIN_VALUE));
        assertRoundTrips(Primitive.U16, new Val.U16(65535));
        assertRoundTrips(Primitive.S32, new Val.S32(Integer.MIN_VALUE));
        assertRoundTrips(Primitive.U32, new Val.U32(0xffffffffL));
        assertRoundTrips(Primitive.S64, new Val.S64(Long.MIN_VALUE));
        assertRoundTrips(Primitive.U64, new Val.U64(-1L));
        assertRoundTrips(Primitive.F32, new Val.F32(-0.0f));
        assertRoundTrips(Primitive.F32, new Val.F32(Float.MIN_VALUE));
        assertRoundTrips(Primitive.F64, new Val.F64(Double.MAX_VALUE));
        assertRoundTrips(Primitive.CHAR, new Val.Char(0x10FFFF));
        assertRoundTrips(Primitive.CHAR, new Val.Char(0xE9));
        assertRoundTrips(Primitive.STRING, str(""));
        assertRoundTrips(Primitive.STRING, str("héllo wörld 🌍 ✓"));
    }

    @Test
    void nanPayloadsAreCanonicalised() {
        Val odd = new Val.F32(Float.intBitsToFloat(0xffc00123));
        Val back = viaFlat(Primitive.F32, odd, StringEncoding.UTF8);
        assertEquals(0x7fc00000, Float.floatToRawIntBits(((Val.F32) back).value()));
        Val oddD = new Val.F64(Double.longBitsToDouble(0xfff8000000000042L));
        Val backD = viaMemory(Primitive.F64, oddD, StringEncoding.UTF8);
        assertEquals(0x7ff8000000000000L, Double.doubleToRawLongBits(((Val.F64) backD).value()));
    }

    @Test
    void compoundTypes() {
        assertRoundTrips(list(Primitive.U8), new Val.ListVal(List.of(new Val.U8(1), new Val.U8(200))));
        assertRoundTrips(list(Primitive.S8), new Val.ListVal(List.of(new Val.S8((byte) -1))));
        assertRoundTrips(list(Primitive.STRING), new Val.ListVal(List.of(str("a"), str("ü"), str(""))));
        assertRoundTrips(list(tuple()), new Val.ListVal(List.of(new Val.TupleVal(List.of()), new Val.TupleVal(List.of()))));
        assertRoundTrips(record(Primitive.U8, Primitive.U64, Primitive.STRING, Primitive.U16),
                new Val.RecordVal(List.of(new Val.U8(3), new Val.U64(1L << 63), str("x"), new Val.U16(9))));
        assertRoundTrips(record(), new Val.RecordVal(List.of()));
        assertRoundTrips(option(Primitive.STRING), new Val.OptionVal(Optional.of(str("some"))));
        assertRoundTrips(option(Primitive.STRING), new Val.OptionVal(Optional.empty()));
        assertRoundTrips(result(Primitive.U32, Primitive.STRING), new Val.ResultVal(false, Optional.of(str("bad"))));
        assertRoundTrips(result(null, null), new Val.ResultVal(true, Optional.empty()));
        assertRoundTrips(enumOf(3), new Val.EnumVal(2));
        assertRoundTrips(enumOf(300), new Val.EnumVal(299));
        assertRoundTrips(flags(0), new Val.FlagsVal(Set.of()));
        assertRoundTrips(flags(5), new Val.FlagsVal(Set.of(0, 4)));
        assertRoundTrips(flags(16), new Val.FlagsVal(Set.of(15)));
        assertRoundTrips(flags(33), new Val.FlagsVal(Set.of(0, 31, 32)));
        assertRoundTrips(flags(64), new Val.FlagsVal(Set.of(63, 1)));
        assertRoundTrips(new ValType.Own(RES), new Val.Own(RES, "host object"));
    }

    @Test
    void variantPayloadsAreCoercedThroughJoinedSlots() {
        // Slot types: i32 | f32 -> i32, i64 | f64 | f32 -> i64.
        ValType v = variant(Primitive.F32, Primitive.U32, Primitive.F64, Primitive.S64, null,
                tuple(Primitive.F32, Primitive.F32), tuple(Primitive.U8, Primitive.F64), Primitive.STRING);
        assertRoundTrips(v, new Val.VariantVal(0, Optional.of(new Val.F32(1.5f))));
        assertRoundTrips(v, new Val.VariantVal(0, Optional.of(new Val.F32(-0.0f))));
        assertRoundTrips(v, new Val.VariantVal(1, Optional.of(u32(0xfffffffeL))));
        assertRoundTrips(v, new Val.VariantVal(2, Optional.of(new Val.F64(-2.25))));
        assertRoundTrips(v, new Val.VariantVal(3, Optional.of(new Val.S64(-5))));
        assertRoundTrips(v, new Val.VariantVal(4, Optional.empty()));
        assertRoundTrips(v, new Val.VariantVal(5, Optional.of(new Val.TupleVal(List.of(new Val.F32(3f), new Val.F32(4f))))));
        assertRoundTrips(v, new Val.VariantVal(6, Optional.of(new Val.TupleVal(List.of(new Val.U8(7), new Val.F64(1e300))))));
        assertRoundTrips(v, new Val.VariantVal(7, Optional.of(str("🌍"))));
    }

    @Test
    void flatCoreValuesOfAVariantUseTheJoinedTypes() {
        ValType v = variant(Primitive.F32, Primitive.S64);
        ByteArrayMemory mem = new ByteArrayMemory(64);
        Object[] core = CanonicalAbi.lowerArguments(func(List.of(v), null),
                List.of(new Val.VariantVal(0, Optional.of(new Val.F32(1.0f)))), mem.options(StringEncoding.UTF8), new HandleTables());
        assertArrayEquals(new Object[] {0, (long) Float.floatToRawIntBits(1.0f)}, core);
        Object[] none = CanonicalAbi.lowerArguments(func(List.of(option(Primitive.F64)), null),
                List.of(new Val.OptionVal(Optional.empty())), mem.options(StringEncoding.UTF8), new HandleTables());
        assertArrayEquals(new Object[] {0, 0.0d}, none);
    }

    @Test
    void seventeenFlatParametersSpillThroughMemoryBothWays() {
        List<ValType> params = new ArrayList<>(Collections.nCopies(8, Primitive.STRING));
        params.add(Primitive.U8);
        FuncType ft = func(params, null);
        assertEquals(List.of(CoreType.I32), CanonicalAbi.flattenParams(ft, Context.LIFT));
        List<Val> args = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            args.add(str("arg" + i));
        }
        args.add(new Val.U8(42));
        ByteArrayMemory mem = new ByteArrayMemory(4096);
        CanonOptions o = mem.options(StringEncoding.UTF8);
        HandleTables tables = new HandleTables();
        Object[] core = CanonicalAbi.lowerArguments(ft, args, o, tables);
        assertEquals(1, core.length);
        int[] first = mem.reallocCalls.getFirst();
        assertArrayEquals(new int[] {0, 0, 4, Layout.size(tuple(params.toArray(ValType[]::new)))}, new int[] {first[0], first[1], first[2], first[3]});
        CanonicalAbi.liftResult(ft, null, o, tables);
        assertEquals(args, CanonicalAbi.liftArguments(ft, core, o, tables));
    }

    @Test
    void sixteenFlatParametersStayFlat() {
        FuncType ft = func(Collections.nCopies(8, Primitive.STRING), null);
        assertEquals(16, CanonicalAbi.flattenParams(ft, Context.LIFT).size());
    }

    @ParameterizedTest
    @EnumSource(StringEncoding.class)
    void randomTypesAndValuesRoundTripWithFixedSeeds(StringEncoding enc) {
        for (long seed = 1; seed <= 250; seed++) {
            Types.Gen gen = new Types.Gen(seed, RES);
            ValType t = gen.type(4);
            for (int i = 0; i < 3; i++) {
                Val v = gen.value(t);
                long s = seed;
                assertEquals(v, viaFlat(t, v, enc), () -> "seed " + s + " flat " + t);
                assertEquals(v, viaMemory(t, v, enc), () -> "seed " + s + " memory " + t);
            }
        }
    }

    @Test
    void randomFunctionsWithManyParamsAndResultsRoundTrip() {
        for (long seed = 1; seed <= 150; seed++) {
            Types.Gen gen = new Types.Gen(seed * 7919, RES);
            List<ValType> params = new ArrayList<>();
            int n = gen.rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                params.add(gen.type(2));
            }
            ValType resultType = gen.type(3);
            FuncType ft = func(params, resultType);
            List<Val> args = new ArrayList<>();
            for (ValType p : params) {
                args.add(gen.value(p));
            }
            Val result = gen.value(resultType);
            ByteArrayMemory mem = new ByteArrayMemory(1 << 16);
            CanonOptions o = mem.options(StringEncoding.UTF8);
            HandleTables tables = new HandleTables();

            // The guest calls a host import: arguments were lowered by "the guest" (here by lowerArguments),
            // the host lifts them, then lowers its result through the LOWER-context signature.
            Object[] core = CanonicalAbi.lowerArguments(ft, args, o, tables);
            List<Object> withRetptr = new ArrayList<>(List.of(core));
            boolean spills = Flattening.flatResultTypes(ft).size() > 1;
            int retptr = 0;
            if (spills) {
                retptr = mem.realloc.realloc(0, 0, Layout.alignment(resultType), Layout.size(resultType));
                withRetptr.add(retptr);
            }
            Object[] importArgs = withRetptr.toArray();
            assertCoreTypes(CanonicalAbi.flattenParams(ft, Context.LOWER), importArgs);
            long s = seed;
            assertEquals(args, CanonicalAbi.liftArguments(ft, importArgs, o, tables), () -> "seed " + s);
            Object coreResult = CanonicalAbi.lowerResult(ft, Optional.of(result), importArgs, o, tables);
            assertCoreTypes(CanonicalAbi.flattenResults(ft, Context.LOWER), coreResult == null ? new Object[0] : new Object[] {coreResult});
            CanonicalAbi.lowerArguments(func(List.of(), resultType), List.of(), o, tables);
            Val back = CanonicalAbi.liftResult(ft, spills ? retptr : coreResult, o, tables).orElseThrow();
            assertEquals(result, back, () -> "seed " + s);
        }
    }
}
