package dev.mowai.runner.component.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.agent.AgentImports;
import dev.mowai.runner.component.agent.AgentWorld;
import dev.mowai.runner.component.agent.Conformance;
import dev.mowai.runner.component.agent.ConformanceReport;
import dev.mowai.runner.component.host.HostLinker;
import dev.mowai.runner.component.types.ComponentType;
import dev.mowai.runner.component.types.ExternType;
import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.InstanceType;
import dev.mowai.runner.component.types.ValType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The agent conformance check on a host with WASI: compatible versions pass, the rest is named one by one. */
class WasiConformanceTest {

    static HostLinker linker() {
        HostLinker linker = AgentImports.define(new HostLinker(), null);
        return new WasiHost(WasiConfig.DEFAULTS, (l, m) -> { }).defineAll(linker);
    }

    static Map<String, ExternType> worldImports() {
        Map<String, ExternType> m = new LinkedHashMap<>();
        AgentWorld.IMPORTS.forEach((n, t) -> m.put(n, new ExternType.Func(t)));
        return m;
    }

    static Map<String, ExternType> worldExports() {
        Map<String, ExternType> m = new LinkedHashMap<>();
        AgentWorld.EXPORTS.forEach((n, t) -> m.put(n, new ExternType.Func(t)));
        return m;
    }

    static ExternType instance(Map<String, ExternType> members) {
        return new ExternType.Instance(new InstanceType(members));
    }

    static final ExternType GET_STDOUT = new ExternType.Func(new FuncType(List.of(), Optional.of(new ValType.Own(Io.OUTPUT_STREAM))));
    static final ExternType RANDOM_U64 = new ExternType.Func(new FuncType(List.of(), Optional.of(ValType.Primitive.U64)));

    @Test
    void everyCompatibleVersionOfAWasiImportConforms() {
        for (int patch = 0; patch <= 12; patch++) {
            Map<String, ExternType> imports = worldImports();
            imports.put("wasi:cli/stdout@0.2." + patch, instance(Map.of("get-stdout", GET_STDOUT)));
            imports.put("wasi:random/random@0.2." + patch, instance(Map.of("get-random-u64", RANDOM_U64)));
            ConformanceReport r = Conformance.check(new ComponentType(imports, worldExports()), linker());
            assertTrue(r.ok(), r.render());
        }
    }

    @Test
    void incompatibleOrUnknownWasiImportsAreEachNamed() {
        Map<String, ExternType> imports = worldImports();
        imports.put("wasi:cli/stdout@0.2.3", instance(Map.of("get-stdout", GET_STDOUT)));
        imports.put("wasi:random/random@0.3.0", instance(Map.of("get-random-u64", RANDOM_U64)));
        imports.put("wasi:io/streams@0.2.13", instance(Map.of()));
        imports.put("wasi:keyvalue/store@0.2.0", instance(Map.of()));
        imports.put("wasi:random/random@0.2.1", instance(Map.of("get-random-u128", RANDOM_U64)));
        ConformanceReport r = Conformance.check(new ComponentType(imports, worldExports()), linker());
        assertEquals(List.of("wasi:random/random@0.3.0", "wasi:io/streams@0.2.13", "wasi:keyvalue/store@0.2.0"),
                r.unsupported(), r.render());
        String all = String.join("\n", r.problems());
        assertEquals(4, r.problems().size(), all);
        assertTrue(all.contains("'wasi:random/random@0.3.0' is not provided: its version is not compatible; the host "
                + "provides wasi:random/random@0.2.12 and accepts wasi:random/random@0.2.0 … 0.2.12"), all);
        assertTrue(all.contains("'wasi:io/streams@0.2.13' is not provided: it is newer than the host's implementation"), all);
        assertTrue(all.contains("'wasi:keyvalue/store@0.2.0' is not provided by the host (it provides no interface of "
                + "package wasi:keyvalue)"), all);
        assertTrue(all.contains("wasi:random/random@0.2.1#get-random-u128"), all);
    }
}
