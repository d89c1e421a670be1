package dev.mowai.runner.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.agent.AgentImports;
import dev.mowai.runner.component.agent.Conformance;
import dev.mowai.runner.component.agent.ConformanceReport;
import dev.mowai.runner.component.host.HostLinker;
import dev.mowai.runner.component.host.ResolvedImport;
import dev.mowai.runner.component.types.ComponentType;
import dev.mowai.runner.component.types.DefinedType;
import dev.mowai.runner.component.types.ExternType;
import dev.mowai.runner.component.types.Findings;
import dev.mowai.runner.component.types.InstanceType;
import dev.mowai.runner.component.types.ResourceType;
import dev.mowai.runner.component.wasi.WasiConfig;
import dev.mowai.runner.component.wasi.WasiHost;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one import check: the linker and the conformance report say the same about every import. */
class ImportCheckTest {
    private static final String HTTP_TYPES = "wasi:http/types@0.2.0";

    private static HostLinker wasiLinker() {
        return new WasiHost(WasiConfig.DEFAULTS, (level, message) -> { }).defineAll(AgentImports.define(new HostLinker(), null));
    }

    private static ExternType resource(ResourceType r) {
        return new ExternType.Type(new DefinedType.Resource(r));
    }

    @Test
    void resourcesMatchTheHostsByIdentityAliasesIncluded() {
        HostLinker linker = wasiLinker();
        ResourceType fields = ((ResolvedImport.Instance) linker.resolve(HTTP_TYPES)).hostInterface().resource("fields")
                .orElseThrow().type();
        Map<String, ExternType> members = new LinkedHashMap<>();
        members.put("fields", resource(fields));
        members.put("headers", resource(fields)); // type headers = fields: another name of the host's resource
        members.put("trailers", resource(fields));
        ResourceType cookieJar = new ResourceType("cookie-jar");
        members.put("cookie-jar", resource(cookieJar)); // the host has no such resource
        members.put("jar", resource(cookieJar)); // an alias of it (the linker used to let aliases pass unchecked)
        Map<String, ExternType> imports = new LinkedHashMap<>();
        imports.put(HTTP_TYPES, new ExternType.Instance(new InstanceType(members)));
        // a resource under the host's name that is not the host's (names used to be enough for both checks)
        imports.put("wasi:http/types@0.2.1", new ExternType.Instance(new InstanceType(Map.of("fields", resource(new ResourceType("fields"))))));
        ComponentType component = new ComponentType(imports, Map.of());

        List<String> problems = List.of(
                "import 'wasi:http/types@0.2.0#cookie-jar': the host's wasi:http/types@0.2.12 has no resource 'cookie-jar'",
                "import 'wasi:http/types@0.2.0#jar': the host's wasi:http/types@0.2.12 has no resource 'jar'",
                "import 'wasi:http/types@0.2.1#fields': not the resource 'fields' of the host's wasi:http/types@0.2.12 "
                        + "(resources match by identity, not by name)");
        assertEquals(problems, ImportCheck.check(component, linker).problems());

        ConformanceReport report = Conformance.check(component, linker);
        assertEquals(problems, report.problems().stream().filter(p -> p.startsWith("import ")).toList(), report.render());
    }

    @Test
    void bindingNamesTheHostsResourcesAndFreshOnesOtherwise() {
        HostLinker linker = wasiLinker();
        ResourceType fields = ((ResolvedImport.Instance) linker.resolve(HTTP_TYPES)).hostInterface().resource("fields")
                .orElseThrow().type();
        assertEquals(fields, ImportCheck.binder(linker).bind(HTTP_TYPES, "fields"));
        ResourceType fresh = ImportCheck.binder(linker).bind(HTTP_TYPES, "cookie-jar");
        assertEquals("cookie-jar", fresh.name());
        assertTrue(fresh != ImportCheck.binder(linker).bind(HTTP_TYPES, "cookie-jar"), "each unknown resource is a new type");
        assertTrue(fresh != ImportCheck.binder(linker).bind("no:such/iface@1.0.0", "fields"));
    }
}
