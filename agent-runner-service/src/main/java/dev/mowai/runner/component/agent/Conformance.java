package dev.mowai.runner.component.agent;

import dev.mowai.runner.component.host.HostLinkException;
import dev.mowai.runner.component.host.HostLinker;
import dev.mowai.runner.component.host.ResolvedImport;
import dev.mowai.runner.component.host.TypedHostFunction;
import dev.mowai.runner.component.types.ComponentType;
import dev.mowai.runner.component.types.DefinedType;
import dev.mowai.runner.component.types.ExternType;
import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.ResourceBinder;
import dev.mowai.runner.component.types.Subtyping;
import dev.mowai.runner.component.types.TypeText;
import dev.mowai.runner.component.types.ValType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a component's imports and exports with {@code agent-world} (names and types) and with
 * what the host's linker provides, collecting every problem instead of stopping at the first.
 */
public final class Conformance {
    private Conformance() {}

    public static ConformanceReport check(ComponentType component, HostLinker linker) {
        List<String> problems = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        List<String> unsupportedWasi = new ArrayList<>();

        for (Map.Entry<String, ExternType> e : component.imports().entrySet()) {
            String name = e.getKey();
            ExternType imported = e.getValue();
            if (imported instanceof ExternType.Type(DefinedType t)) {
                checkWorldType("import", name, t, problems);
                continue;
            }
            FuncType world = AgentWorld.IMPORTS.get(name);
            if (world != null) {
                problems.addAll(Subtyping.check("import '" + name + "'", new ExternType.Func(world), imported));
            }
            Optional<ResolvedImport> resolved = linker.find(name);
            if (resolved.isEmpty()) {
                unsupported.add(name);
                if (name.startsWith("wasi:")) {
                    unsupportedWasi.add(name);
                } else {
                    problems.add(world != null ? "import '" + name + "' is part of agent-world but this host does not provide it"
                            : refusal(linker, name) + " (agent-world imports only " + String.join(", ", AgentWorld.IMPORTS.keySet()) + ")");
                }
                continue;
            }
            if (world == null) {
                problems.addAll(checkAgainstHost(name, imported, resolved.get()));
            }
        }
        boolean hostHasWasi = linker.interfaces().stream().anyMatch(i -> i.name().startsWith("wasi:"));
        if (!unsupportedWasi.isEmpty() && hostHasWasi) {
            // the host speaks WASI: say for each import what is missing (interface or version)
            unsupportedWasi.forEach(name -> problems.add(refusal(linker, name)));
        } else if (!unsupportedWasi.isEmpty()) {
            problems.add("the component imports " + unsupportedWasi.size() + " WASI interface(s) this host does not provide: "
                    + String.join(", ", unsupportedWasi) + " (build the agent without WASI: for JavaScript "
                    + "componentize-js --disable stdio random clocks http fetch-event; for C or Rust avoid stdio, files, "
                    + "clocks and the preview1 adapter)");
        }

        for (Map.Entry<String, FuncType> w : AgentWorld.EXPORTS.entrySet()) {
            ExternType exported = component.exports().get(w.getKey());
            if (exported == null) {
                problems.add("missing export '" + w.getKey() + "': expected " + TypeText.of(w.getValue()));
            } else {
                problems.addAll(Subtyping.check("export '" + w.getKey() + "'", exported, new ExternType.Func(w.getValue())));
            }
        }
        for (Map.Entry<String, ExternType> e : component.exports().entrySet()) {
            if (e.getValue() instanceof ExternType.Type(DefinedType t)) {
                checkWorldType("export", e.getKey(), t, problems);
            }
        }
        return new ConformanceReport(lines(component.imports()), lines(component.exports()), problems, unsupported);
    }

    /**
     * Binds the resources of instance imports to the host's resource types, so that types resolved
     * with it compare equal to the host's functions (resources match by identity).
     */
    public static ResourceBinder resourceBinder(HostLinker linker) {
        return (importName, resourceName) -> linker.find(importName)
                .filter(r -> r instanceof ResolvedImport.Instance)
                .flatMap(r -> ((ResolvedImport.Instance) r).hostInterface().resource(resourceName))
                .map(hr -> hr.type())
                .orElseGet(() -> ResourceBinder.FRESH.bind(importName, resourceName));
    }

    /** World-level named types (agent-config, agent-info) may be imported/exported; they must match. */
    private static void checkWorldType(String direction, String name, DefinedType t, List<String> problems) {
        ValType world = AgentWorld.TYPES.get(name);
        if (world == null) {
            if (direction.equals("import")) {
                problems.add("import of type '" + name + "': agent-world defines no such type");
            }
            return;
        }
        if (!(t instanceof DefinedType.Value(ValType v)) || !v.equals(world)) {
            problems.add(direction + " of type '" + name + "': expected " + TypeText.of(world) + ", found "
                    + (t instanceof DefinedType.Value(ValType v) ? TypeText.of(v) : t.kind()));
        }
    }

    private static List<String> checkAgainstHost(String name, ExternType imported, ResolvedImport resolved) {
        return switch (resolved) {
            case ResolvedImport.Function f -> Subtyping.check("import '" + name + "'",
                    new ExternType.Func(f.function().type()), imported);
            case ResolvedImport.Instance inst -> {
                if (!(imported instanceof ExternType.Instance(var required))) {
                    yield List.of("import '" + name + "': the host provides an instance, the component expects "
                            + describe(imported));
                }
                List<String> out = new ArrayList<>();
                for (Map.Entry<String, ExternType> member : required.exports().entrySet()) {
                    String path = "import '" + name + "#" + member.getKey() + "'";
                    switch (member.getValue()) {
                        case ExternType.Func fn -> {
                            Optional<TypedHostFunction> host = inst.hostInterface().function(member.getKey());
                            if (host.isEmpty()) {
                                out.add(path + ": " + inst.hostInterface().fullName() + " has no such function");
                            } else {
                                out.addAll(Subtyping.check(path, new ExternType.Func(host.get().type()), fn));
                            }
                        }
                        case ExternType.Type(DefinedType.Resource r) -> {
                            // a type alias (`type headers = fields`) names one of the host's resources
                            boolean alias = inst.hostInterface().resources().values().stream().anyMatch(h -> h.type() == r.type());
                            if (!alias && inst.hostInterface().resource(member.getKey()).isEmpty()) {
                                out.add(path + ": " + inst.hostInterface().fullName() + " has no such resource");
                            }
                        }
                        default -> { } // value types named in the interface are checked through the functions using them
                    }
                }
                yield out;
            }
        };
    }

    private static String refusal(HostLinker linker, String name) {
        try {
            linker.resolve(name);
            return "import '" + name + "' is not provided";
        } catch (HostLinkException e) {
            return e.getMessage();
        }
    }

    private static List<String> lines(Map<String, ExternType> externs) {
        List<String> out = new ArrayList<>();
        externs.forEach((name, t) -> out.add(name + ": " + describe(t)));
        return out;
    }

    static String describe(ExternType t) {
        return switch (t) {
            case ExternType.Func(FuncType f) -> TypeText.of(f);
            case ExternType.Instance(var i) -> "instance { " + String.join(", ", i.exports().keySet()) + " }";
            case ExternType.Component c -> "component";
            case ExternType.Type(DefinedType d) -> d instanceof DefinedType.Value(ValType v) ? "type " + TypeText.of(v)
                    : d instanceof DefinedType.Resource(var r) ? "resource " + r.name() : d.kind();
            case ExternType.CoreModule m -> "core module";
            case ExternType.Value(ValType v) -> "value " + TypeText.of(v);
        };
    }
}
