package dev.mowai.runner.component.agent;

import dev.mowai.runner.component.host.HostLinkException;
import dev.mowai.runner.component.host.HostLinker;
import dev.mowai.runner.component.link.ImportCheck;
import dev.mowai.runner.component.types.ComponentType;
import dev.mowai.runner.component.types.DefinedType;
import dev.mowai.runner.component.types.ExternType;
import dev.mowai.runner.component.types.Findings;
import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.TypeMatching;
import dev.mowai.runner.component.types.TypeText;
import dev.mowai.runner.component.types.ValType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a component with {@code agent-world} and with what the host's linker provides,
 * collecting every problem instead of stopping at the first. Imports are matched by
 * {@link ImportCheck} (the same check instantiation relies on), exports against the world by
 * {@link TypeMatching}; parameter names that differ from the world's are notes, not problems.
 */
public final class Conformance {
    private Conformance() {}

    public static ConformanceReport check(ComponentType component, HostLinker linker) {
        Findings findings = new Findings();
        List<String> unsupported = new ArrayList<>();
        Map<String, String> unsupportedWasi = new LinkedHashMap<>(); // name → why the host refused it

        for (Map.Entry<String, ExternType> e : component.imports().entrySet()) {
            if (e.getValue() instanceof ExternType.Type(DefinedType t)) {
                checkWorldType("import", e.getKey(), t, findings);
            }
        }
        ImportCheck.check(component, linker, findings, (name, why, out) -> {
            unsupported.add(name);
            if (name.startsWith("wasi:")) {
                unsupportedWasi.put(name, why.getMessage());
            } else {
                out.problem(refusal(name, why));
            }
        });
        boolean hostHasWasi = linker.interfaces().stream().anyMatch(i -> i.name().startsWith("wasi:"));
        if (!unsupportedWasi.isEmpty() && hostHasWasi) {
            // the host speaks WASI: say for each import what is missing (interface or version)
            unsupportedWasi.values().forEach(findings::problem);
        } else if (!unsupportedWasi.isEmpty()) {
            findings.problem("the component imports " + unsupportedWasi.size() + " WASI interface(s) this host does not provide: "
                    + String.join(", ", Findings.bounded(List.copyOf(unsupportedWasi.keySet()), "imports")) + " (build the agent without WASI: for JavaScript "
                    + "componentize-js --disable stdio random clocks http fetch-event; for C or Rust avoid stdio, files, "
                    + "clocks and the preview1 adapter)");
        }

        for (Map.Entry<String, FuncType> w : AgentWorld.EXPORTS.entrySet()) {
            ExternType exported = component.exports().get(w.getKey());
            if (exported == null) {
                findings.problem("missing export '" + w.getKey() + "': expected " + TypeText.of(w.getValue()));
            } else {
                TypeMatching.extern("export '" + w.getKey() + "'", exported, new ExternType.Func(w.getValue()), findings);
            }
        }
        for (Map.Entry<String, ExternType> e : component.exports().entrySet()) {
            if (e.getValue() instanceof ExternType.Type(DefinedType t)) {
                checkWorldType("export", e.getKey(), t, findings);
            }
        }
        return new ConformanceReport(Findings.bounded(lines(component.imports()), "imports"),
                Findings.bounded(lines(component.exports()), "exports"), findings.problems(), findings.notes(),
                Findings.bounded(unsupported, "imports"));
    }

    /** World-level named types (agent-config, agent-info) may be imported/exported; they must match. */
    private static void checkWorldType(String direction, String name, DefinedType t, Findings findings) {
        ValType world = AgentWorld.TYPES.get(name);
        if (world == null) {
            if (direction.equals("import")) {
                findings.problem("import of type '" + name + "': agent-world defines no such type");
            }
            return;
        }
        TypeMatching.extern(direction + " of type '" + name + "'", new ExternType.Type(t),
                new ExternType.Type(new DefinedType.Value(world)), findings);
    }

    /** Why the host refused a world-level import, and what agent-world imports. */
    private static String refusal(String name, HostLinkException why) {
        return why.getMessage() + " (agent-world imports only " + String.join(", ", AgentWorld.IMPORTS.keySet()) + ")";
    }

    private static List<String> lines(Map<String, ExternType> externs) {
        List<String> out = new ArrayList<>();
        externs.forEach((name, t) -> out.add(Findings.clip(name + ": " + describe(t))));
        return out;
    }

    static String describe(ExternType t) {
        return switch (t) {
            case ExternType.Func(FuncType f) -> TypeText.of(f);
            case ExternType.Instance(var i) -> "instance { " + String.join(", ", Findings.bounded(
                    List.copyOf(i.exports().keySet()), "exports")) + " }";
            case ExternType.Component c -> "component";
            case ExternType.Type(DefinedType d) -> d instanceof DefinedType.Value(ValType v) ? "type " + TypeText.of(v)
                    : d instanceof DefinedType.Resource(var r) ? "resource " + r.name() : d.kind();
            case ExternType.CoreModule m -> "core module";
            case ExternType.Value(ValType v) -> "value " + TypeText.of(v);
        };
    }
}
