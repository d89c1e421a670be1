package dev.mowai.runner.component.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.ResourceType;
import dev.mowai.runner.component.types.Val;
import dev.mowai.runner.component.types.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostLinkerTest {

    static final FuncType NOTHING = new FuncType(List.of(), Optional.empty());

    static HostInterface streams(String version) {
        return HostInterface.builder("wasi:io/streams", version)
                .function("marker", NOTHING, (c, a) -> Optional.of(new Val.Str(version))).build();
    }

    static String callMarker(ResolvedImport r) {
        var inst = assertInstanceOf(ResolvedImport.Instance.class, r);
        var fn = inst.hostInterface().function("marker").orElseThrow();
        return ((Val.Str) fn.implementation().call(inst.callFor("marker"), List.of()).orElseThrow()).value();
    }

    @Test
    void everyCompatiblePatchVersionResolvesToTheImplementation() {
        HostLinker linker = new HostLinker().define(streams("0.2.12"));
        for (int patch = 0; patch <= 12; patch++) {
            String name = "wasi:io/streams@0.2." + patch;
            ResolvedImport r = linker.resolve(name);
            assertEquals(name, r.name().text());
            assertEquals("0.2.12", callMarker(r));
        }
    }

    @Test
    void refusesIncompatibleVersionsNamingImportAndProvidedVersions() {
        HostLinker linker = new HostLinker().define(streams("0.2.12"));
        for (String v : List.of("0.2.13", "0.3.0", "0.1.0", "1.0.0", "0.2.0-rc-2023-11-10", "0.0.2")) {
            String name = "wasi:io/streams@" + v;
            HostLinkException e = assertThrows(HostLinkException.class, () -> linker.resolve(name));
            assertEquals(name, e.importName());
            assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("wasi:io/streams@0.2.12"), e.getMessage());
            assertTrue(e.getMessage().contains("0.2.0 … 0.2.12"), e.getMessage());
            assertTrue(linker.find(name).isEmpty());
        }
        assertTrue(assertThrows(HostLinkException.class, () -> linker.resolve("wasi:io/streams@0.2.13"))
                .getMessage().contains("newer"));
        assertTrue(assertThrows(HostLinkException.class, () -> linker.resolve("wasi:io/streams@0.2.0-rc.1"))
                .getMessage().contains("pre-release"));
    }

    @Test
    void refusesUnversionedInterfaceImports() {
        HostLinker linker = new HostLinker().define(streams("0.2.12"));
        HostLinkException e = assertThrows(HostLinkException.class, () -> linker.resolve("wasi:io/streams"));
        assertTrue(e.getMessage().contains("no version"), e.getMessage());
    }

    @Test
    void picksTheNewestCompatibleOfSeveralVersions() {
        HostLinker linker = new HostLinker().define(streams("0.2.12")).define(streams("0.2.3")).define(streams("1.1.0"));
        assertEquals("0.2.12", callMarker(linker.resolve("wasi:io/streams@0.2.0")));
        assertEquals("0.2.12", callMarker(linker.resolve("wasi:io/streams@0.2.5")));
        assertEquals("1.1.0", callMarker(linker.resolve("wasi:io/streams@1.0.0")));
        assertThrows(HostLinkException.class, () -> linker.resolve("wasi:io/streams@1.2.0"));
        assertEquals(List.of("wasi:io/streams@0.2.3", "wasi:io/streams@0.2.12", "wasi:io/streams@1.1.0"), linker.provided());
    }

    @Test
    void unknownInterfaceNamesItsSiblings() {
        HostLinker linker = new HostLinker().define(streams("0.2.12"));
        HostLinkException e = assertThrows(HostLinkException.class, () -> linker.resolve("wasi:io/files@0.2.0"));
        assertTrue(e.getMessage().contains("'wasi:io/files@0.2.0' is not provided"), e.getMessage());
        assertTrue(e.getMessage().contains("wasi:io/streams"), e.getMessage());
        HostLinkException other = assertThrows(HostLinkException.class, () -> linker.resolve("wasi:keyvalue/store@0.2.0"));
        assertTrue(other.getMessage().contains("no interface of package wasi:keyvalue"), other.getMessage());
    }

    @Test
    void resolvesPlainWorldFunctions() {
        List<String> seen = new ArrayList<>();
        FuncType type = new FuncType(List.of(new FuncType.Param("prompt", ValType.Primitive.STRING)),
                Optional.of(ValType.Primitive.STRING));
        HostLinker linker = new HostLinker().defineFunction("host-llm", type, (call, args) -> {
            seen.add(call.describe());
            return Optional.of(new Val.Str("echo: " + ((Val.Str) args.get(0)).value()));
        });
        var fn = assertInstanceOf(ResolvedImport.Function.class, linker.resolve("host-llm"));
        assertSame(type, fn.function().type());
        assertEquals(Optional.of(new Val.Str("echo: hi")),
                fn.function().implementation().call(fn.call(), List.of(new Val.Str("hi"))));
        assertEquals(List.of("host-llm"), seen);
        HostLinkException e = assertThrows(HostLinkException.class, () -> linker.resolve("broadcast"));
        assertTrue(e.getMessage().contains("'broadcast'") && e.getMessage().contains("host-llm"), e.getMessage());
    }

    @Test
    void malformedImportNamesAreLinkErrors() {
        HostLinker linker = new HostLinker();
        for (String bad : List.of("", "no spaces", "wasi:io/streams@x.y", "a".repeat(5000))) {
            HostLinkException e = assertThrows(HostLinkException.class, () -> linker.resolve(bad));
            assertEquals(bad, e.importName());
            assertTrue(e.getMessage().startsWith("import "), e.getMessage());
        }
    }

    @Test
    void refusesDuplicateDefinitions() {
        HostLinker linker = new HostLinker().define(streams("0.2.12")).defineFunction("log", NOTHING, (c, a) -> Optional.empty());
        assertThrows(IllegalArgumentException.class, () -> linker.define(streams("0.2.12")));
        assertThrows(IllegalArgumentException.class, () -> linker.defineFunction("log", NOTHING, (c, a) -> Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> linker.defineFunction("wasi:io/x", NOTHING, (c, a) -> Optional.empty()));
    }

    @Test
    void findsResourcesAndDestructorsAcrossInterfaces() {
        List<Object> destroyed = new ArrayList<>();
        HostResource stream = new HostResource(new ResourceType("output-stream"), destroyed::add);
        HostInterface streams = HostInterface.builder("wasi:io/streams", "0.2.12").resource(stream).build();
        HostInterface stdout = HostInterface.builder("wasi:cli/stdout", "0.2.12").resource(stream)
                .function("get-stdout", new FuncType(List.of(), Optional.of(new ValType.Own(stream.type()))),
                        (c, a) -> Optional.of(new Val.Own(stream.type(), "rep"))).build();
        HostLinker linker = new HostLinker().define(streams).define(stdout);
        HostResource found = linker.resource(stream.type()).orElseThrow();
        found.destructor().destroy("rep");
        assertEquals(List.of("rep"), destroyed);
        assertTrue(linker.resource(new ResourceType("output-stream")).isEmpty(), "resource types are compared by identity");
        // the same type with another destructor in a later interface is a definition error
        HostInterface conflicting = HostInterface.builder("wasi:cli/stderr", "0.2.12")
                .resource(new HostResource(stream.type(), rep -> { })).build();
        assertThrows(IllegalArgumentException.class, () -> linker.define(conflicting));
    }

    @Test
    void acceptedRangeDescribesTracks() {
        assertEquals("0.2.0 … 0.2.12", HostLinker.acceptedRange(SemVer.parse("0.2.12")));
        assertEquals("1.0.0 … 1.3.1", HostLinker.acceptedRange(SemVer.parse("1.3.1")));
        assertEquals("0.0.4", HostLinker.acceptedRange(SemVer.parse("0.0.4")));
        assertEquals("0.2.0", HostLinker.acceptedRange(SemVer.parse("0.2.0")));
    }
}
