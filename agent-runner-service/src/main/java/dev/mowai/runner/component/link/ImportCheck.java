package dev.mowai.runner.component.link;

import dev.mowai.runner.component.binary.Component;
import dev.mowai.runner.component.host.HostLinkException;
import dev.mowai.runner.component.host.HostLinker;
import dev.mowai.runner.component.host.HostResource;
import dev.mowai.runner.component.host.ResolvedImport;
import dev.mowai.runner.component.host.TypedHostFunction;
import dev.mowai.runner.component.types.DefinedType;
import dev.mowai.runner.component.types.ExternType;
import dev.mowai.runner.component.types.InstanceType;
import dev.mowai.runner.component.types.ResolvedComponent;
import dev.mowai.runner.component.types.ResourceType;
import dev.mowai.runner.component.types.Subtyping;
import dev.mowai.runner.component.types.TypeResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Matches a component's imports against a host before anything runs: each function by name and
 * type, each instance export by name and type, each imported resource by name. Used by the linker
 * and by conformance reports, so both say the same thing.
 */
public final class ImportCheck {
    private ImportCheck() {
    }

    /** Resolves the component's types, binding imported resources to the host's resource types. */
    public static ResolvedComponent resolve(Component component, HostLinker host) {
        return new TypeResolver((importName, resourceName) -> host.find(importName)
                .flatMap(r -> r instanceof ResolvedImport.Instance i ? i.hostInterface().resource(resourceName)
                        : Optional.empty())
                .map(HostResource::type)
                .orElseGet(() -> new ResourceType(resourceName))).resolveComponent(component);
    }

    /**
     * Every import of the component the host cannot satisfy, as one readable line each (empty when
     * it can be instantiated with this host). Types must come from {@link #resolve} with the same host.
     */
    public static List<String> problems(ResolvedComponent types, HostLinker host) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ExternType> e : types.type().imports().entrySet()) {
            String name = e.getKey();
            ExternType required = e.getValue();
            if (required instanceof ExternType.Type) {
                continue; // type imports (record definitions, resources of the host) need no value
            }
            ResolvedImport resolved;
            try {
                resolved = host.resolve(name);
            } catch (HostLinkException ex) {
                problems.add(ex.getMessage());
                continue;
            }
            switch (required) {
                case ExternType.Func f -> {
                    if (resolved instanceof ResolvedImport.Function fn) {
                        problems.addAll(Subtyping.check(name, new ExternType.Func(fn.function().type()), f));
                    } else {
                        problems.add("import '" + name + "' is a function, but the host provides an interface under that name");
                    }
                }
                case ExternType.Instance(InstanceType it) -> {
                    if (!(resolved instanceof ResolvedImport.Instance ri)) {
                        problems.add("import '" + name + "' is an instance, but the host provides a function under that name");
                        continue;
                    }
                    for (Map.Entry<String, ExternType> x : it.exports().entrySet()) {
                        String path = name + "#" + x.getKey();
                        switch (x.getValue()) {
                            case ExternType.Func f -> {
                                Optional<TypedHostFunction> fn = ri.hostInterface().function(x.getKey());
                                if (fn.isEmpty()) {
                                    problems.add(path + ": the host's " + ri.hostInterface().fullName()
                                            + " has no function '" + x.getKey() + "'");
                                } else {
                                    problems.addAll(Subtyping.check(path, new ExternType.Func(fn.get().type()), f));
                                }
                            }
                            case ExternType.Type(DefinedType.Resource r) -> {
                                // a resource is declared under its own name; other names are aliases (type headers = fields)
                                if (r.type().name().equals(x.getKey()) && ri.hostInterface().resource(x.getKey()).isEmpty()) {
                                    problems.add(path + ": the host's " + ri.hostInterface().fullName()
                                            + " has no resource '" + x.getKey() + "'");
                                }
                            }
                            case ExternType.Type t -> { } // value type definitions
                            default -> problems.add(path + ": only functions and types can be imported from an instance");
                        }
                    }
                }
                default -> problems.add("import '" + name + "': importing a " + required.getClass().getSimpleName()
                        .toLowerCase(Locale.ROOT) + " is not supported");
            }
        }
        return problems;
    }

}
