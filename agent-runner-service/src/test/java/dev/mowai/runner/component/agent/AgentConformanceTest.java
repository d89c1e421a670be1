package dev.mowai.runner.component.agent;

import static org.junit.jupiter.api.Assertions.*;

import dev.mowai.runner.component.host.HostInterface;
import dev.mowai.runner.component.host.HostLinker;
import dev.mowai.runner.component.types.ComponentType;
import dev.mowai.runner.component.types.DefinedType;
import dev.mowai.runner.component.types.ExternType;
import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.InstanceType;
import dev.mowai.runner.component.types.ValType;
import dev.mowai.runner.component.types.ValType.Primitive;
import dev.mowai.runner.fixtures.TestAgents;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class AgentConformanceTest {
    private static AgentRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = new AgentRuntime(AgentLimits.DEFAULT);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static HostLinker worldLinker() {
        return AgentImports.define(new HostLinker(), null);
    }

    private static Map<String, ExternType> worldExports() {
        Map<String, ExternType> m = new LinkedHashMap<>();
        AgentWorld.EXPORTS.forEach((k, v) -> m.put(k, new ExternType.Func(v)));
        return m;
    }

    private static Map<String, ExternType> worldImports() {
        Map<String, ExternType> m = new LinkedHashMap<>();
        AgentWorld.IMPORTS.forEach((k, v) -> m.put(k, new ExternType.Func(v)));
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"c-reactor", "c-freestanding", "rust", "js"})
    void realAgentsConform(String agent) throws Exception {
        AgentRuntime.Checked checked = runtime.check(Files.readAllBytes(TestAgents.path(agent)));
        assertTrue(checked.report().ok(), checked.report().render());
        assertTrue(checked.report().imports().contains("host-llm: func(prompt: string) -> string"), checked.report().render());
        assertTrue(checked.report().exports().contains("on-peer-thought: func(peer-id: string, thought: string)"),
                checked.report().render());
    }

    @Test
    void wasiImportsAreRefusedWithTheirList() throws Exception {
        AgentRuntime.Checked checked = runtime.check(Files.readAllBytes(TestAgents.path("c-wasi")));
        ConformanceReport r = checked.report();
        assertFalse(r.ok());
        assertEquals(1, r.problems().size(), r.render());
        assertTrue(r.unsupported().contains("wasi:cli/stderr@0.2.12"), r.unsupported().toString());
        assertTrue(r.unsupported().stream().allMatch(i -> i.startsWith("wasi:")));
        assertTrue(r.problems().getFirst().contains("WASI interface(s) this host does not provide: wasi:"), r.render());
        AgentFailure f = assertThrows(AgentFailure.class, () -> runtime.instantiate(checked, null));
        assertEquals(AgentFailure.Kind.NOT_CONFORMING, f.kind());
        assertTrue(f.getMessage().contains("wasi:cli/stderr@0.2.12"), f.getMessage());
    }

    @Test
    void worldShapedComponentConforms() {
        assertTrue(Conformance.check(new ComponentType(worldImports(), worldExports()), worldLinker()).ok());
        // a component needs only the imports it uses
        assertTrue(Conformance.check(new ComponentType(Map.of(), worldExports()), worldLinker()).ok());
    }

    @Test
    void everyProblemIsListedAtOnce() {
        Map<String, ExternType> imports = worldImports();
        imports.put("host-llm", new ExternType.Func(new FuncType(List.of(new FuncType.Param("text", Primitive.STRING)),
                Optional.of(Primitive.STRING))));
        imports.put("now-ms", new ExternType.Func(new FuncType(List.of(), Optional.of(Primitive.U32))));
        imports.put("fetch-url", new ExternType.Func(new FuncType(List.of(), Optional.empty())));
        imports.put("wasi:random/random@0.2.0", new ExternType.Instance(new InstanceType(Map.of())));
        imports.put("agent-config", new ExternType.Type(new DefinedType.Value(Primitive.STRING)));
        Map<String, ExternType> exports = worldExports();
        exports.remove("on-init");
        exports.put("handle-task", new ExternType.Func(new FuncType(List.of(new FuncType.Param("task", Primitive.STRING)),
                Optional.empty())));
        exports.put("get-info", new ExternType.Func(new FuncType(List.of(), Optional.of(new ValType.RecordType(List.of(
                new ValType.Field("name", Primitive.STRING), new ValType.Field("version", Primitive.STRING),
                new ValType.Field("colour", Primitive.STRING), new ValType.Field("persona", Primitive.STRING)))))));
        ConformanceReport r = Conformance.check(new ComponentType(imports, exports), worldLinker());
        List<String> p = r.problems();
        assertEquals(7, p.size(), r.render());
        // a parameter named differently (text, not prompt) is a note, not a problem
        assertEquals(List.of("import 'host-llm': parameter names differ (expected func(prompt: string) -> string, found "
                + "func(text: string) -> string); names are not part of the ABI, so it matches"), r.notes());
        assertTrue(has(p, "import 'now-ms'", "u64"), r.render());
        assertTrue(has(p, "fetch-url", "not provided"), r.render());
        assertTrue(has(p, "WASI", "wasi:random/random@0.2.0"), r.render());
        assertTrue(has(p, "type 'agent-config'", "record"), r.render());
        assertTrue(has(p, "missing export 'on-init'", "func()"), r.render());
        assertTrue(has(p, "export 'handle-task'", "-> string"), r.render());
        assertTrue(has(p, "export 'get-info'", "colour"), r.render());
        assertEquals(List.of("fetch-url", "wasi:random/random@0.2.0"), r.unsupported());
        assertTrue(r.render().contains("conformance: 7 problem(s):"));
    }

    @Test
    void hostInterfacesAreCheckedFunctionByFunction() {
        FuncType getBytes = new FuncType(List.of(new FuncType.Param("len", Primitive.U64)),
                Optional.of(new ValType.ListType(Primitive.U8)));
        HostLinker linker = worldLinker().define(HostInterface.builder("wasi:random/random", "0.2.12")
                .function("get-random-bytes", getBytes, (call, args) -> Optional.empty()).build());
        Map<String, ExternType> imports = worldImports();
        imports.put("wasi:random/random@0.2.3", new ExternType.Instance(new InstanceType(Map.of(
                "get-random-bytes", new ExternType.Func(getBytes)))));
        assertTrue(Conformance.check(new ComponentType(imports, worldExports()), linker).ok());

        imports.put("wasi:random/random@0.2.3", new ExternType.Instance(new InstanceType(Map.of(
                "get-random-bytes", new ExternType.Func(new FuncType(List.of(), Optional.empty())),
                "get-random-u64", new ExternType.Func(new FuncType(List.of(), Optional.of(Primitive.U64)))))));
        ConformanceReport r = Conformance.check(new ComponentType(imports, worldExports()), linker);
        assertEquals(2, r.problems().size(), r.render());
        assertTrue(has(r.problems(), "get-random-bytes", "len: u64"), r.render());
        assertTrue(has(r.problems(), "get-random-u64", "has no function"), r.render());
    }

    @Test
    void componentsLargerThanTheCapAreRefused() {
        try (AgentRuntime small = new AgentRuntime(AgentLimits.DEFAULT.withMaxComponentBytes(1000))) {
            AgentFailure f = assertThrows(AgentFailure.class, () -> small.check(Files.readAllBytes(TestAgents.path("c-reactor"))));
            assertEquals(AgentFailure.Kind.COMPONENT_TOO_LARGE, f.kind());
            assertTrue(f.getMessage().contains("limit of 1000 bytes"), f.getMessage());
        }
    }

    @Test
    void garbageAndCoreModulesAreInvalidComponents() {
        AgentFailure garbage = assertThrows(AgentFailure.class, () -> runtime.check(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}));
        assertEquals(AgentFailure.Kind.INVALID_COMPONENT, garbage.kind());
        byte[] core = {0, 'a', 's', 'm', 1, 0, 0, 0};
        AgentFailure coreModule = assertThrows(AgentFailure.class, () -> runtime.check(core));
        assertEquals(AgentFailure.Kind.INVALID_COMPONENT, coreModule.kind());
        assertTrue(coreModule.getMessage().contains("core"), coreModule.getMessage());
    }

    private static boolean has(List<String> problems, String a, String b) {
        return problems.stream().anyMatch(p -> p.contains(a) && p.contains(b));
    }
}
