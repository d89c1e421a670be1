package dev.mowai.runner.component.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.binary.ComponentBytes;
import dev.mowai.runner.component.binary.ComponentParser;
import dev.mowai.runner.component.binary.TestComponents;
import dev.mowai.runner.component.types.ValType.Primitive;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypeResolverTest {
    private static final byte[] HEADER = {0, 'a', 's', 'm', 0x0d, 0, 1, 0};

    @Test
    void resolvesImportsExportsAndEveryValueType() {
        ResourceType hostPollable = new ResourceType("pollable");
        List<String> bound = new ArrayList<>();
        ResolvedComponent r = new TypeResolver((imp, res) -> {
            bound.add(imp + "#" + res);
            return hostPollable;
        }).resolveComponent(new ComponentParser().parse(TestComponents.load("all-types.wasm")));

        assertEquals(List.of("wasi:io/poll@0.2.3#pollable"), bound);
        ComponentType ct = r.type();
        assertEquals(List.of("wasi:io/poll@0.2.3", "host-fn", "cfg"), List.copyOf(ct.imports().keySet()));
        var poll = assertInstanceOf(ExternType.Instance.class, ct.imports().get("wasi:io/poll@0.2.3")).type();
        var ready = assertInstanceOf(ExternType.Func.class, poll.exports().get("[method]pollable.ready")).type();
        assertEquals(new FuncType(List.of(new FuncType.Param("self", new ValType.Borrow(hostPollable))),
                Optional.of(Primitive.BOOL)), ready);

        var hostFn = assertInstanceOf(ExternType.Func.class, ct.imports().get("host-fn")).type();
        assertEquals(List.of(Primitive.BOOL, Primitive.S8, Primitive.U32, Primitive.U64, Primitive.F64),
                hostFn.params().stream().map(FuncType.Param::type).toList());
        assertEquals("func(b: bool, s8: s8, u32: u32, u64: u64, f: f64)", TypeText.of(hostFn));

        var run = assertInstanceOf(ExternType.Func.class, ct.exports().get("run")).type();
        assertEquals("func(n: u32) -> u32", TypeText.of(run));
        var bundle = assertInstanceOf(ExternType.Instance.class, ct.exports().get("bundle")).type();
        assertEquals(run, ((ExternType.Func) bundle.exports().get("run")).type());

        ValType rec = ((DefinedType.Value) ((ExternType.Type) ct.exports().get("rec")).type()).type();
        assertEquals("record { a: u8, b: string, c: list<s64> }", TypeText.of(rec));

        FuncType f = r.types().stream().filter(t -> t instanceof DefinedType.Func fn && fn.type().params().size() == 4)
                .map(t -> ((DefinedType.Func) t).type()).findFirst().orElseThrow();
        assertEquals("func(r: record { a: u8, b: string, c: list<s64> }, v: variant { none, some(f32), "
                + "many(tuple<u16, s16, char>) }, o: option<record { a: u8, b: string, c: list<s64> }>, "
                + "fl: flags { x, y, z }) -> result<variant { none, some(f32), many(tuple<u16, s16, char>) }, "
                + "enum { red, green, blue }>", TypeText.of(f));
        assertTrue(r.types().stream().anyMatch(t -> t instanceof DefinedType.Value(ValType.Own(ResourceType p))
                && p == hostPollable));
        assertTrue(r.types().stream().anyMatch(t -> t instanceof DefinedType.Resource));
        var cfg = assertInstanceOf(ExternType.Instance.class, ct.imports().get("cfg")).type();
        assertEquals("func() -> string", TypeText.of(((ExternType.Func) cfg.exports().get("get")).type()));
        assertEquals(1, r.components().size());
    }

    @Test
    void freshResourcesPerImportWithoutHost() {
        ResolvedComponent a = TypeResolver.resolve(new ComponentParser().parse(TestComponents.load("all-types.wasm")));
        ResolvedComponent b = TypeResolver.resolve(new ComponentParser().parse(TestComponents.load("all-types.wasm")));
        ResourceType ra = firstResource(a);
        ResourceType rb = firstResource(b);
        assertEquals("pollable", ra.name());
        assertTrue(ra != rb);
        var ready = (ExternType.Func) ((ExternType.Instance) a.type().imports().get("wasi:io/poll@0.2.3")).type()
                .exports().get("[method]pollable.ready");
        assertSame(ra, ((ValType.Borrow) ready.type().params().get(0).type()).resource());
    }

    @Test
    void refusesTooDeepValueTypes() {
        // type 0 = list<u8>; type i = list<type i-1>, 70 levels
        ByteArrayOutputStream types = new ByteArrayOutputStream();
        types.writeBytes(new byte[] {0x70, 0x7d});
        for (int i = 1; i < 64; i++) {
            types.write(0x70);
            types.write(i - 1); // indices < 64 fit one SLEB byte
        }
        var e = assertThrows(TypeResolutionException.class, () -> resolveTypes(64, types.toByteArray()));
        assertTrue(e.getMessage().contains("nested 65 levels deep"), e.getMessage());
    }

    @Test
    void refusesExponentialTypes() {
        // type 0 = tuple<u8,u8>; type i = tuple<type i-1, type i-1>: 2^i leaves
        ByteArrayOutputStream types = new ByteArrayOutputStream();
        types.writeBytes(new byte[] {0x6f, 2, 0x7d, 0x7d});
        for (int i = 1; i < 20; i++) {
            types.writeBytes(new byte[] {0x6f, 2, (byte) (i - 1), (byte) (i - 1)});
        }
        var e = assertThrows(TypeResolutionException.class, () -> resolveTypes(20, types.toByteArray()));
        assertTrue(e.getMessage().contains("value type of size 131071 (nodes plus label characters, at most 100000)"), e.getMessage());
    }

    @Test
    void refusesWrongKindsDuplicatesAndBorrowResults() {
        // type 0 = func() ; type 1 = list<type 0>
        var e = assertThrows(TypeResolutionException.class,
                () -> resolveTypes(2, new byte[] {0x40, 0, 0x01, 0, 0x70, 0}));
        assertTrue(e.getMessage().contains("type 0 is a func type, where a value type is required"), e.getMessage());
        // record with two fields named "a" and "A"
        e = assertThrows(TypeResolutionException.class,
                () -> resolveTypes(1, new byte[] {0x72, 2, 1, 'a', 0x7d, 1, 'A', 0x7d}));
        assertTrue(e.getMessage().contains("duplicate record field name 'A'"), e.getMessage());
        // own of a non-resource
        e = assertThrows(TypeResolutionException.class, () -> resolveTypes(2, new byte[] {0x7d, 0x69, 0}));
        assertTrue(e.getMessage().contains("not a resource"), e.getMessage());
    }

    /** Duplicate names are found with a hash set: 200,000 exports resolve at once (a nested loop would take hours). */
    @Test
    @org.junit.jupiter.api.Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES) // a hang guard, not a speed check
    void duplicateExportNamesAreFoundInLinearTime() {
        int n = 200_000;
        ByteArrayOutputStream types = new ByteArrayOutputStream();
        types.writeBytes(new byte[] {0x70, 0x7d}); // list<u8>
        ByteArrayOutputStream exports = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            ComponentBytes.typeExport(exports, "e" + i, 0);
        }
        ResolvedComponent ok = TypeResolver.resolve(new ComponentParser().parse(
                new ComponentBytes().section(7, 1, types).section(11, n, exports).bytes()));
        assertEquals(n, ok.type().exports().size());

        ComponentBytes.typeExport(exports, "E123", 0); // names are unique ignoring case
        var e = assertThrows(TypeResolutionException.class, () -> TypeResolver.resolve(new ComponentParser().parse(
                new ComponentBytes().section(7, 1, types).section(11, n + 1, exports).bytes())));
        assertTrue(e.getMessage().contains("duplicate export name 'E123'"), e.getMessage());
    }

    private static ResourceType firstResource(ResolvedComponent r) {
        return r.types().stream().filter(t -> t instanceof DefinedType.Resource)
                .map(t -> ((DefinedType.Resource) t).type()).findFirst().orElseThrow();
    }

    private static ResolvedComponent resolveTypes(int count, byte[] body) {
        ByteArrayOutputStream section = new ByteArrayOutputStream();
        section.write(count);
        section.writeBytes(body);
        byte[] b = section.toByteArray();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(HEADER);
        file.write(7);
        int n = b.length;
        do {
            int x = n & 0x7f;
            n >>>= 7;
            file.write(n != 0 ? x | 0x80 : x);
        } while (n != 0);
        file.writeBytes(b);
        return TypeResolver.resolve(new ComponentParser().parse(file.toByteArray()));
    }
}
