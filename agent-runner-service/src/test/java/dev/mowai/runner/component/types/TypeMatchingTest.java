package dev.mowai.runner.component.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.types.ValType.Primitive;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TypeMatchingTest {
    private static final ValType INFO = record("name", "version", "color", "persona");

    @Test
    void parameterNamesAreANoteNeverAProblem() {
        Findings f = match(func(List.of(param("task", Primitive.STRING)), Primitive.STRING),
                func(List.of(param("task-description", Primitive.STRING)), Primitive.STRING));
        assertEquals(List.of(), f.problems());
        assertEquals(List.of("export 'handle-task': parameter names differ (expected func(task-description: string) -> string, "
                + "found func(task: string) -> string); names are not part of the ABI, so it matches"), f.notes());
        // the same names: nothing to say
        Findings same = match(func(List.of(param("a", Primitive.U32)), null), func(List.of(param("a", Primitive.U32)), null));
        assertEquals(List.of(), same.problems());
        assertEquals(List.of(), same.notes());
    }

    @Test
    void aParameterTypeIsAProblemNamingTheParameter() {
        Findings f = match(func(List.of(param("task", Primitive.U32)), Primitive.STRING),
                func(List.of(param("task-description", Primitive.STRING)), Primitive.STRING));
        assertEquals(List.of("export 'handle-task': parameter 1 'task-description': expected string, found u32 "
                + "(expected func(task-description: string) -> string, found func(task: u32) -> string)"), f.problems());
        assertEquals(List.of(), f.notes(), "no name note when the function does not match anyway");
    }

    @Test
    void arityAndResultAreProblems() {
        FuncType two = func(List.of(param("peer-id", Primitive.STRING), param("thought", Primitive.STRING)), null);
        Findings arity = match(func(List.of(param("peer-id", Primitive.STRING)), null), two);
        assertEquals(List.of("export 'handle-task': expected 2 parameters, found 1 (expected func(peer-id: string, "
                + "thought: string), found func(peer-id: string))"), arity.problems());
        Findings noResult = match(func(List.of(), null), func(List.of(), Primitive.U64));
        assertEquals(List.of("export 'handle-task': result: expected u64, found none (expected func() -> u64, found func())"),
                noResult.problems());
        Findings extra = match(func(List.of(), Primitive.U64), func(List.of(), null));
        assertTrue(extra.problems().getFirst().contains("result: expected none, found u64"), extra.problems().toString());
    }

    @Test
    void recordFieldNamesAndOrderMatter() {
        ValType renamed = record("name", "release", "color", "persona");
        Findings f = match(func(List.of(), renamed), func(List.of(), INFO));
        assertEquals(1, f.problems().size());
        assertTrue(f.problems().getFirst().startsWith("export 'handle-task': result: record field 2: expected 'version', "
                + "found 'release'"), f.problems().getFirst());
        ValType reordered = record("version", "name", "color", "persona");
        assertTrue(TypeMatching.difference(INFO, reordered).startsWith("record field 1: expected 'name', found 'version'"));
        assertTrue(TypeMatching.difference(INFO, record("name")).startsWith("expected a record of 4 fields, found 1"));
    }

    @Test
    void differencesInsideNestedTypesSayWhere() {
        ValType expected = new ValType.ListType(new ValType.OptionType(new ValType.VariantType(List.of(
                new ValType.Case("a", Optional.empty()), new ValType.Case("b", Optional.of(Primitive.U8))))));
        ValType found = new ValType.ListType(new ValType.OptionType(new ValType.VariantType(List.of(
                new ValType.Case("a", Optional.empty()), new ValType.Case("b", Optional.of(Primitive.S8))))));
        assertEquals("list element: option payload: variant case 'b': expected u8, found s8",
                TypeMatching.difference(expected, found));
        assertEquals("enum case 2: expected 'green', found 'grey'", TypeMatching.difference(
                new ValType.EnumType(List.of("red", "green")), new ValType.EnumType(List.of("red", "grey"))));
        assertEquals("flag 1: expected 'read', found 'write'", TypeMatching.difference(
                new ValType.FlagsType(List.of("read")), new ValType.FlagsType(List.of("write"))));
        assertEquals("tuple element 2: expected string, found u32", TypeMatching.difference(
                new ValType.TupleType(List.of(Primitive.U8, Primitive.STRING)), new ValType.TupleType(List.of(Primitive.U8, Primitive.U32))));
        assertEquals("result ok: expected string, found u32", TypeMatching.difference(
                new ValType.ResultType(Optional.of(Primitive.STRING), Optional.empty()),
                new ValType.ResultType(Optional.of(Primitive.U32), Optional.empty())));
        assertNull(TypeMatching.difference(expected, expected));
    }

    @Test
    void resourcesMatchByIdentity() {
        ResourceType r1 = new ResourceType("r");
        ResourceType r2 = new ResourceType("r");
        Findings same = new Findings();
        TypeMatching.extern("t", new ExternType.Type(new DefinedType.Resource(r1)), new ExternType.Type(new DefinedType.Resource(r1)), same);
        assertFalse(same.hasProblems());
        Findings other = new Findings();
        TypeMatching.extern("t", new ExternType.Type(new DefinedType.Resource(r1)), new ExternType.Type(new DefinedType.Resource(r2)), other);
        assertEquals(1, other.problems().size());
        assertTrue(TypeMatching.difference(new ValType.Own(r1), new ValType.Own(r2)) != null);
    }

    @Test
    void instancesNeedEveryRequiredExport() {
        FuncType llm = func(List.of(param("prompt", Primitive.STRING)), Primitive.STRING);
        InstanceType required = new InstanceType(Map.of("a", new ExternType.Func(llm)));
        InstanceType provided = new InstanceType(Map.of("b", new ExternType.Func(llm)));
        Findings f = new Findings();
        TypeMatching.extern("i", new ExternType.Instance(provided), new ExternType.Instance(required), f);
        assertEquals(List.of("i#a: not provided"), f.problems());
    }

    @Test
    void findingsAreBoundedInLinesAndLength() {
        Findings f = new Findings();
        IntStream.range(0, 250).forEach(i -> f.problem("p" + i + " " + "x".repeat(5000)));
        List<String> problems = f.problems();
        assertEquals(Findings.MAX_LINES + 1, problems.size());
        assertEquals("… 150 more problems", problems.getLast());
        assertTrue(problems.stream().allMatch(p -> p.length() <= Findings.MAX_LINE_CHARS + 1));
    }

    @Test
    void typeTextStopsAtItsLimitWithoutBuildingTheWholeText() {
        // 2^40 leaves if printed in full: rendering must stop at the limit, not run out of memory
        ValType t = record("a".repeat(1000), "b".repeat(1000));
        for (int i = 0; i < 40; i++) {
            t = new ValType.TupleType(List.of(t, t));
        }
        String text = TypeText.of(t);
        assertEquals(TypeText.MAX_CHARS + 1, text.length());
        assertTrue(text.endsWith("…"));
        assertEquals("func(prompt: string) -> string", TypeText.of(func(List.of(param("prompt", Primitive.STRING)), Primitive.STRING)));
    }

    private static Findings match(FuncType provided, FuncType required) {
        Findings f = new Findings();
        TypeMatching.extern("export 'handle-task'", new ExternType.Func(provided), new ExternType.Func(required), f);
        return f;
    }

    private static ValType record(String... names) {
        return new ValType.RecordType(java.util.Arrays.stream(names).map(n -> new ValType.Field(n, Primitive.STRING)).toList());
    }

    private static FuncType.Param param(String name, ValType type) {
        return new FuncType.Param(name, type);
    }

    private static FuncType func(List<FuncType.Param> params, ValType result) {
        return new FuncType(params, Optional.ofNullable(result));
    }
}
