package dev.mowai.runner.component.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.TypeText;
import dev.mowai.runner.component.types.ValType;
import dev.mowai.runner.component.types.ValType.Primitive;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WitParserTest {

    @Test
    void readsAWorldOfFunctionsAndNamedTypes() {
        WitWorld w = WitParser.parse("""
                /// docs are comments
                package my:pkg@1.2.3;
                /* a block
                   comment */
                world w {
                  import f: func(a: u8, %type: list<option<string>>) -> result<tuple<u32, s64>, e>; // trailing
                  export g: func() -> result<_, e>;
                  export h: func(x: r);
                  export k: func() -> result;
                  enum e { red, green, }
                  record r { s: string, f: fl, v: v }
                  flags fl { read, write }
                  variant v { none, some(alias) }
                  type alias = f64;
                }
                """);
        assertEquals("my:pkg@1.2.3", w.packageName());
        assertEquals("w", w.name());
        assertEquals(List.of("e", "r", "fl", "v", "alias"), List.copyOf(w.types().keySet()));
        assertEquals("func(a: u8, type: list<option<string>>) -> result<tuple<u32, s64>, enum { red, green }>",
                TypeText.of(w.imports().get("f")));
        assertEquals("func() -> result<_, enum { red, green }>", TypeText.of(w.exports().get("g")));
        assertEquals("func(x: record { s: string, f: flags { read, write }, v: variant { none, some(f64) } })",
                TypeText.of(w.exports().get("h")));
        assertEquals(new FuncType(List.of(), Optional.of(new ValType.ResultType(Optional.empty(), Optional.empty()))),
                w.exports().get("k"));
        assertEquals(Primitive.F64, w.types().get("alias"));
    }

    @Test
    void refusesWhatTheHostCannotImplementWithTheLine() {
        assertEquals("line 3: 'interface' is not supported in agent-world (only record, variant, enum, flags, type, "
                + "and import/export of functions)", error("package a:b;\nworld w {\n  interface i {}\n}").getMessage());
        assertEquals("line 4: only one world per file; found 'interface' after it",
                error("package a:b;\nworld w {\n}\ninterface i {}").getMessage());
        assertEquals("line 3: unknown type 'nope'", error("package a:b;\nworld w {\n  export f: func() -> nope;\n}").getMessage());
        assertEquals("line 2: type 'a' refers to itself", error("package a:b;\nworld w { record a { x: list<a> } }").getMessage());
        assertEquals("line 2: 'f' is declared twice", error("package a:b;\nworld w { export f: func(); import f: func(); }").getMessage());
        assertEquals("line 1: 'borrow' types are not supported in agent-world",
                error("package a:b; world w { export f: func(x: borrow<r>); }").getMessage());
        assertEquals("line 1: expected ';', found 'world'", error("package a:b world w {}").getMessage());
        assertEquals("line 1: unexpected end of file", error("package a:b; world w {").getMessage());
        assertEquals("line 1: unexpected character '#'", error("package a:b; # world").getMessage());
    }

    private static WitSyntaxException error(String text) {
        return assertThrows(WitSyntaxException.class, () -> WitParser.parse(text));
    }
}
