package dev.mowai.runner.component.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.binary.TypeDefinition.Declaration;
import dev.mowai.runner.component.types.ValType;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ComponentParserTest {
    private static final byte[] HEADER = {0, 'a', 's', 'm', 0x0d, 0, 1, 0};

    private final ComponentParser parser = new ComponentParser();

    @Test
    void parsesEverySectionAndTypeDefinition() {
        byte[] bytes = TestComponents.load("all-types.wasm");
        Component c = parser.parse(bytes);

        List<Definition.Import> imports = c.imports();
        assertEquals(List.of("wasi:io/poll@0.2.3", "host-fn", "cfg"), imports.stream().map(Definition.Import::name).toList());
        assertInstanceOf(ExternDesc.InstanceDesc.class, imports.get(0).desc());
        assertInstanceOf(ExternDesc.FuncDesc.class, imports.get(1).desc());
        assertEquals(List.of("run", "bundle", "rec"), c.exports().stream().map(Definition.Export::name).toList());
        assertEquals(Sort.INSTANCE, c.exports().get(1).sort());

        List<TypeDefinition> types = c.definitions().stream().filter(d -> d instanceof Definition.TypeDef)
                .map(d -> ((Definition.TypeDef) d).type()).toList();
        assertTrue(types.stream().anyMatch(t -> t instanceof TypeDefinition.Record r && r.fields().size() == 3
                && r.fields().get(1).type().equals(new TypeRef.Prim(ValType.Primitive.STRING))));
        assertTrue(types.stream().anyMatch(t -> t instanceof TypeDefinition.Variant v && v.cases().size() == 3
                && v.cases().get(0).type().isEmpty()));
        assertTrue(types.contains(new TypeDefinition.Enum(List.of("red", "green", "blue"))));
        assertTrue(types.contains(new TypeDefinition.Flags(List.of("x", "y", "z"))));
        assertTrue(types.stream().anyMatch(t -> t instanceof TypeDefinition.Option));
        assertTrue(types.contains(new TypeDefinition.Result(Optional.empty(), Optional.empty())));
        assertTrue(types.stream().anyMatch(t -> t instanceof TypeDefinition.Own));
        assertTrue(types.stream().anyMatch(t -> t instanceof TypeDefinition.Borrow));
        assertTrue(types.stream().anyMatch(t -> t instanceof TypeDefinition.Resource));
        assertTrue(types.stream().anyMatch(t -> t instanceof TypeDefinition.Func f && f.params().size() == 5
                && f.result().isEmpty()));
        TypeDefinition.InstanceType it = types.stream()
                .filter(t -> t instanceof TypeDefinition.InstanceType i && i.declarations().stream()
                        .anyMatch(d -> d instanceof Declaration.ExportDecl e && e.name().equals("get")))
                .map(t -> (TypeDefinition.InstanceType) t).findFirst().orElseThrow();
        assertInstanceOf(Declaration.TypeDecl.class, it.declarations().get(0));
        assertEquals(new Declaration.ExportDecl("t", new ExternDesc.TypeEq(0)), it.declarations().get(1));
        TypeDefinition.ComponentType ct = types.stream().filter(t -> t instanceof TypeDefinition.ComponentType)
                .map(t -> (TypeDefinition.ComponentType) t).findFirst().orElseThrow();
        assertInstanceOf(Declaration.ImportDecl.class, ct.declarations().get(1));

        Definition.CanonLift lift = c.definitions().stream().filter(d -> d instanceof Definition.CanonLift)
                .map(d -> (Definition.CanonLift) d).findFirst().orElseThrow();
        assertEquals(Definition.StringEncoding.UTF16, lift.options().encoding());
        assertTrue(lift.options().memory().isPresent() && lift.options().realloc().isPresent()
                && lift.options().postReturn().isPresent());
        assertEquals(3, c.definitions().stream().filter(d -> d instanceof Definition.CanonResourceNew
                || d instanceof Definition.CanonResourceRep || d instanceof Definition.CanonResourceDrop).count());
        assertEquals(1, c.definitions().stream().filter(d -> d instanceof Definition.CanonLower).count());
        assertTrue(c.definitions().stream().anyMatch(d -> d instanceof Definition.AliasCoreExport a
                && a.sort() == Sort.CORE_MEMORY && a.name().equals("memory")));
        assertTrue(c.definitions().stream().anyMatch(d -> d instanceof Definition.AliasOuter));
        assertTrue(c.definitions().stream().anyMatch(d -> d instanceof Definition.CoreInlineInstance));
        assertTrue(c.definitions().stream().anyMatch(d -> d instanceof Definition.CoreInstantiate ci
                && ci.args().equals(List.of(new Definition.CoreArg("env", 0)))));
        assertEquals(2, c.definitions().stream().filter(d -> d instanceof Definition.CoreTypeDef).count());
        Definition.NestedComponent inner = c.definitions().stream().filter(d -> d instanceof Definition.NestedComponent)
                .map(d -> (Definition.NestedComponent) d).findFirst().orElseThrow();
        assertEquals("x", inner.component().imports().get(0).name());

        Definition.CoreModule m = c.coreModules().get(0);
        byte[] module = m.bytes();
        assertEquals(1, module[4]);
        assertEquals(0, module[0]);
        assertTrue(c.customSections().stream().anyMatch(s -> s.name().equals("component-name")));
    }

    @Test
    void refusesCoreModuleWithHint() {
        byte[] core = {0, 'a', 's', 'm', 1, 0, 0, 0};
        var e = assertThrows(ComponentFormatException.class, () -> parser.parse(core));
        assertTrue(e.getMessage().contains("core WebAssembly module"), e.getMessage());
        assertTrue(e.getMessage().contains("jco new"), e.getMessage());
        assertEquals(0, e.offset());
    }

    @Test
    void refusesWrongMagicShortFilesAndOtherVersions() {
        assertError(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, "wrong magic", 0);
        assertError(new byte[0], "too short", 0);
        assertError(new byte[] {0, 'a', 's', 'm'}, "too short", 0);
        assertError(new byte[] {0, 'a', 's', 'm', 0x0a, 0, 1, 0}, "unsupported component binary version 0xa", 0);
        assertError(new byte[] {0, 'a', 's', 'm', 0x0d, 0, 2, 0}, "unknown WebAssembly layer 2", 0);
    }

    @Test
    void reportsSectionAndOffsetOfHugeDeclaredSizes() {
        // type section declaring 0xffffffff bytes
        assertError(concat(HEADER, new byte[] {7, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x1f}),
                "integer too large", 9);
        assertError(concat(HEADER, new byte[] {7, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}),
                "4294967295 out of range", 9);
        assertError(concat(HEADER, new byte[] {7, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07}),
                "declares 2147483647 bytes but only 0 remain", 8);
        assertError(concat(HEADER, new byte[] {7, (byte) 0x80, (byte) 0x80, 0x40}), "declares 1048576 bytes", 8);
        // a vector claiming 2^31-1 elements in a 5-byte section
        var e = assertError(concat(HEADER, new byte[] {7, 5, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07}),
                "type count 2147483647 exceeds", 10);
        assertEquals("type section", e.section());
        // a name claiming a huge length
        assertError(concat(HEADER, new byte[] {0, 3, (byte) 0xff, (byte) 0xff, 0x03}), "name length", 10);
    }

    @Test
    void reportsUnknownSectionsTrailingBytesAndBadIndices() {
        assertError(concat(HEADER, new byte[] {13, 0}), "unknown section id 13", 8);
        // type section with one bool type and one extra byte
        assertError(concat(HEADER, new byte[] {7, 3, 1, 0x7f, 0}), "1 unread bytes", 12);
        // list of type 5 when no type exists
        assertError(concat(HEADER, new byte[] {7, 3, 1, 0x70, 5}), "refers to type 5 but only 0 types are defined", 12);
        // canon lift of core func 0 when none exists
        var e = assertError(concat(HEADER, new byte[] {8, 6, 1, 0, 0, 0, 0, 0}), "canon lift refers to core func 0", 13);
        assertEquals("canon section", e.section());
        // export of an instance that does not exist
        assertError(concat(HEADER, new byte[] {11, 6, 1, 0, 1, 'x', 5, 0}), "export 'x' refers to instance 0", 15);
        // unsupported async canon built-in
        assertError(concat(HEADER, new byte[] {8, 2, 1, 0x09}), "is not supported", 11);
        // async func type
        assertError(concat(HEADER, new byte[] {7, 4, 1, 0x43, 0, 0}), "async function types", 11);
        // invalid UTF-8 in a custom section name
        assertError(concat(HEADER, new byte[] {0, 3, 2, (byte) 0xc3, 0x28}), "not valid UTF-8", 10);
    }

    @Test
    void limitsNestingOfComponentsAndTypes() {
        byte[] nested = HEADER;
        for (int i = 0; i < 40; i++) {
            nested = concat(HEADER, section(4, nested));
        }
        byte[] deep = nested;
        assertTrue(assertThrows(ComponentFormatException.class, () -> parser.parse(deep)).getMessage()
                .contains("components nested deeper than 32"));
        // instance type containing an instance type containing ... 100 levels
        byte[] type = {0x42, 0};
        for (int i = 0; i < 100; i++) {
            type = concat(new byte[] {0x42, 1, 0x01}, type);
        }
        byte[] deepType = concat(HEADER, section(7, concat(new byte[] {1}, type)));
        assertTrue(assertThrows(ComponentFormatException.class, () -> parser.parse(deepType)).getMessage()
                .contains("type declarations nested deeper than 32"));
    }

    @Test
    void enforcesTheSizeCap() {
        byte[] bytes = TestComponents.load("all-types.wasm");
        var e = assertThrows(ComponentFormatException.class,
                () -> new ComponentParser(new ParseLimits(100, 8)).parse(bytes));
        assertTrue(e.getMessage().contains("more than the limit of 100 bytes"), e.getMessage());
    }

    @Test
    void everyTruncationFailsCleanly() {
        byte[] bytes = TestComponents.load("all-types.wasm");
        int complete = 0;
        for (int len = 0; len < bytes.length; len++) {
            byte[] cut = Arrays.copyOf(bytes, len);
            try {
                // a cut exactly between two sections is a valid, shorter component
                complete++;
                assertTrue(parser.parse(cut).definitions().size() < 60);
            } catch (ComponentFormatException e) {
                complete--;
                assertTrue(e.offset() >= 0 && e.offset() <= len, "offset " + e.offset() + " for length " + len);
            }
        }
        assertTrue(complete <= 30, complete + " truncations parsed; only section boundaries may");
    }

    @Test
    void fuzzedInputNeverEscapesAsAnotherException() {
        byte[] valid = TestComponents.load("all-types.wasm");
        Random random = new Random(20261124);
        int rejected = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] input;
            if (round % 4 == 0) {
                input = new byte[8 + random.nextInt(200)];
                random.nextBytes(input);
                System.arraycopy(HEADER, 0, input, 0, 8);
            } else {
                input = valid.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    input[8 + random.nextInt(input.length - 8)] = (byte) random.nextInt(256);
                }
            }
            try {
                parser.parse(input);
            } catch (ComponentFormatException expected) {
                rejected++;
            }
        }
        assertTrue(rejected > 10_000, "most mutations must be rejected, got " + rejected);
    }

    private ComponentFormatException assertError(byte[] bytes, String fragment, long offset) {
        var e = assertThrows(ComponentFormatException.class, () -> parser.parse(bytes));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
        return e;
    }

    private static byte[] section(int id, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(id);
        int n = body.length;
        do {
            int b = n & 0x7f;
            n >>>= 7;
            out.write(n != 0 ? b | 0x80 : b);
        } while (n != 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
