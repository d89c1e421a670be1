package dev.mowai.runner.component.abi;

import static dev.mowai.runner.component.abi.CoreType.*;
import static dev.mowai.runner.component.abi.Types.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.mowai.runner.component.abi.Flattening.Context;
import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.ResourceType;
import dev.mowai.runner.component.types.ValType;
import dev.mowai.runner.component.types.ValType.Primitive;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

class LayoutAndFlatteningTest {

    private static void assertLayout(ValType t, int size, int alignment) {
        assertEquals(size, Layout.size(t), () -> "size of " + t);
        assertEquals(alignment, Layout.alignment(t), () -> "alignment of " + t);
    }

    @Test
    void primitiveLayouts() {
        assertLayout(Primitive.BOOL, 1, 1);
        assertLayout(Primitive.S8, 1, 1);
        assertLayout(Primitive.U16, 2, 2);
        assertLayout(Primitive.S32, 4, 4);
        assertLayout(Primitive.CHAR, 4, 4);
        assertLayout(Primitive.F32, 4, 4);
        assertLayout(Primitive.U64, 8, 8);
        assertLayout(Primitive.F64, 8, 8);
        assertLayout(Primitive.STRING, 8, 4);
        assertLayout(list(Primitive.U64), 8, 4);
        assertLayout(new ValType.Own(new ResourceType("r")), 4, 4);
        assertLayout(new ValType.Borrow(new ResourceType("r")), 4, 4);
    }

    @Test
    void recordsPadFieldsAndTheEnd() {
        ValType r = record(Primitive.U8, Primitive.U32, Primitive.U16, Primitive.U64, Primitive.U8);
        assertLayout(r, 32, 8);
        assertArrayEquals(new int[] {0, 4, 8, 16, 24}, Layout.fieldOffsets(Layout.fieldTypes((ValType.RecordType) r)));
        assertLayout(record(), 0, 1);
        assertLayout(tuple(Primitive.U8, Primitive.U16), 4, 2);
        assertLayout(tuple(Primitive.STRING, Primitive.U8), 12, 4);
    }

    @Test
    void variantsUseTheSmallestDiscriminantAndAlignThePayload() {
        assertLayout(option(Primitive.U8), 2, 1);
        assertLayout(option(Primitive.U64), 16, 8);
        assertLayout(option(Primitive.STRING), 12, 4);
        assertLayout(result(null, null), 1, 1);
        assertLayout(result(Primitive.U16, Primitive.F64), 16, 8);
        assertLayout(enumOf(2), 1, 1);
        assertLayout(enumOf(256), 1, 1);
        assertLayout(enumOf(257), 2, 2);
        assertLayout(enumOf(65536), 2, 2);
        assertLayout(enumOf(65537), 4, 4);
        assertLayout(variant(null, Primitive.U8, tuple(Primitive.U16, Primitive.U8)), 6, 2);
        assertEquals(2, Layout.payloadOffset(((ValType.VariantType) variant(null, Primitive.U16)).cases()));
    }

    @Test
    void flagsUseOneTwoFourBytesThenWords() {
        assertLayout(flags(1), 1, 1);
        assertLayout(flags(8), 1, 1);
        assertLayout(flags(9), 2, 2);
        assertLayout(flags(16), 2, 2);
        assertLayout(flags(17), 4, 4);
        assertLayout(flags(32), 4, 4);
        assertLayout(flags(33), 8, 4);
        assertLayout(flags(65), 12, 4);
        assertEquals(List.of(I32, I32, I32), Flattening.flatten(flags(65)));
        assertEquals(List.of(I32), Flattening.flatten(flags(3)));
    }

    @Test
    void flattenCompoundTypes() {
        assertEquals(List.of(I32, I32), Flattening.flatten(Primitive.STRING));
        assertEquals(List.of(I32, I32), Flattening.flatten(list(Primitive.STRING)));
        assertEquals(List.of(I32, I64, F32, F64), Flattening.flatten(record(Primitive.BOOL, Primitive.S64, Primitive.F32, Primitive.F64)));
        assertEquals(List.of(I32), Flattening.flatten(enumOf(4)));
        assertEquals(List.of(I32, I32, I32), Flattening.flatten(option(Primitive.STRING)));
        assertEquals(List.of(I32), Flattening.flatten(result(null, null)));
    }

    @Test
    void variantSlotsJoinPairwise() {
        assertEquals(List.of(I32, I32), Flattening.flatten(variant(Primitive.U32, Primitive.F32)));
        assertEquals(List.of(I32, I64), Flattening.flatten(variant(Primitive.U32, Primitive.U64)));
        assertEquals(List.of(I32, I64), Flattening.flatten(variant(Primitive.F32, Primitive.F64)));
        assertEquals(List.of(I32, I64), Flattening.flatten(variant(Primitive.F32, Primitive.S64)));
        assertEquals(List.of(I32, F64), Flattening.flatten(variant(Primitive.F64, Primitive.F64)));
        assertEquals(List.of(I32, I64, I32), Flattening.flatten(variant(tuple(Primitive.F64, Primitive.U8), tuple(Primitive.U8, Primitive.F32))));
        assertEquals(List.of(I32, F32, F32), Flattening.flatten(variant(tuple(Primitive.F32, Primitive.F32), null)));
    }

    @Test
    void functionsSpillDifferentlyWhenLiftedAndLowered() {
        FuncType manyResults = func(List.of(Primitive.STRING), Primitive.STRING);
        assertEquals(new Flattening.CoreSignature(List.of(I32, I32), List.of(I32)), Flattening.flattenFunc(manyResults, Context.LIFT));
        assertEquals(new Flattening.CoreSignature(List.of(I32, I32, I32), List.of()), Flattening.flattenFunc(manyResults, Context.LOWER));

        FuncType seventeen = func(Collections.nCopies(17, Primitive.U8), Primitive.U64);
        assertEquals(new Flattening.CoreSignature(List.of(I32), List.of(I64)), Flattening.flattenFunc(seventeen, Context.LIFT));
        assertEquals(new Flattening.CoreSignature(List.of(I32), List.of(I64)), Flattening.flattenFunc(seventeen, Context.LOWER));

        FuncType both = func(Collections.nCopies(9, Primitive.STRING), record(Primitive.U8, Primitive.U8));
        assertEquals(new Flattening.CoreSignature(List.of(I32), List.of(I32)), Flattening.flattenFunc(both, Context.LIFT));
        assertEquals(new Flattening.CoreSignature(List.of(I32, I32), List.of()), Flattening.flattenFunc(both, Context.LOWER));

        FuncType nothing = func(List.of(), null);
        assertEquals(new Flattening.CoreSignature(List.of(), List.of()), Flattening.flattenFunc(nothing, Context.LIFT));
    }

    @Test
    void agentWorldSignaturesMatchWhatToolchainsEmit() {
        ValType config = record(Primitive.STRING, Primitive.STRING, Primitive.STRING);
        assertEquals(List.of(I32, I32, I32), CanonicalAbi.flattenParams(func(List.of(Primitive.STRING), Primitive.STRING), Context.LOWER));
        assertEquals(List.of(I32), CanonicalAbi.flattenParams(func(List.of(), config), Context.LOWER));
        assertEquals(List.of(I64), CanonicalAbi.flattenResults(func(List.of(), Primitive.U64), Context.LOWER));
        assertEquals(List.of(I32, I32, I32, I32), CanonicalAbi.flattenParams(func(List.of(Primitive.STRING, Primitive.STRING), null), Context.LIFT));
        assertEquals(List.of(I32), CanonicalAbi.flattenResults(func(List.of(), record(Primitive.STRING, Primitive.STRING, Primitive.STRING, Primitive.STRING)), Context.LIFT));
        assertEquals(32, Layout.size(record(Primitive.STRING, Primitive.STRING, Primitive.STRING, Primitive.STRING)));
        assertEquals(24, Layout.size(config));
    }
}
