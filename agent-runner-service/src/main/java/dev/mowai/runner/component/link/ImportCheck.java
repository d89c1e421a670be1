package dev.mowai.runner.component.link;

import dev.mowai.runner.component.binary.Component;
import dev.mowai.runner.component.host.HostLinkException;
import dev.mowai.runner.component.host.HostLinker;
import dev.mowai.runner.component.host.HostResource;
import dev.mowai.runner.component.host.ResolvedImport;
import dev.mowai.runner.component.host.TypedHostFunction;
import dev.mowai.runner.component.types.ComponentType;
import dev.mowai.runner.component.types.DefinedType;
import dev.mowai.runner.component.types.ExternType;
import dev.mowai.runner.component.types.Findings;
import dev.mowai.runner.component.types.InstanceType;
import dev.mowai.runner.component.types.ResolvedComponent;
import dev.mowai.runner.component.types.ResourceBinder;
import dev.mowai.runner.component.types.TypeMatching;
import dev.mowai.runner.component.types.TypeResolver;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Matches a component's imports against a host before anything runs: each function by name and
 * type, each instance export by name and type, each imported resource by identity with one of the
 * host's resources (so {@code type headers = fields} is the host's {@code fields}). The one import
 * check: the linker ({@link ComponentRuntime#prepare}) and conformance reports both use it, with
 * {@link TypeMatching} for the types.
 */
public final class ImportCheck {
    private ImportCheck() {
    }

    /** What to say about an import the host does not provide (conformance groups WASI ones). */
    @FunctionalInterface
    public interface Unresolved {
        void report(String importName, HostLinkException why, Findings out);

        /** Each unresolved import is a problem, with the linker's explanation. */
        Unresolved PROBLEM = (name, why, out) -> out.problem(why.getMessage());
    }

    /** Resolves the component's types, binding imported resources to the host's resource types. */
    public static ResolvedComponent resolve(Component component, HostLinker host) {
        return new TypeResolver(binder(host)).resolveComponent(component);
    }

    /** Binds the resources of instance imports to the host's resource types (fresh when it has none). */
    public static ResourceBinder binder(HostLinker host) {
        return (importName, resourceName) -> host.find(importName)
                .flatMap(r -> r instanceof ResolvedImport.Instance i ? i.hostInterface().resource(resourceName)
                        : Optional.empty())
                .map(HostResource::type)
                .orElseGet(() -> ResourceBinder.FRESH.bind(importName, resourceName));
    }

    /** Every import the host cannot satisfy (types from {@link #resolve} with the same host). */
    public static Findings check(ComponentType component, HostLinker host) {
        Findings out = new Findings();
        check(component, host, out, Unresolved.PROBLEM);
        return out;
    }

    public static void check(ComponentType component, HostLinker host, Findings out, Unresolved unresolved) {
        for (Map.Entry<String, ExternType> e : component.imports().entrySet()) {
            String name = e.getKey();
            ExternType required = e.getValue();
            if (required instanceof ExternType.Type) {
                continue; // type imports (record definitions, resources of the host) need no value
            }
            ResolvedImport resolved;
            try {
                resolved = host.resolve(name);
            } catch (HostLinkException ex) {
                unresolved.report(name, ex, out);
                continue;
            }
            String path = "import '" + name + "'";
            switch (required) {
                case ExternType.Func f -> {
                    if (resolved instanceof ResolvedImport.Function fn) {
                        // function types match exactly: the host's is the reference the messages name as expected
                        TypeMatching.extern(path, f, new ExternType.Func(fn.function().type()), out);
                    } else {
                        out.problem(path + " is a function, but the host provides an interface under that name");
                    }
                }
                case ExternType.Instance(InstanceType it) -> {
                    if (resolved instanceof ResolvedImport.Instance ri) {
                        instance(name, it, ri, out);
                    } else {
                        out.problem(path + " is an instance, but the host provides a function under that name");
                    }
                }
                default -> out.problem(path + ": importing " + TypeMatching.kind(required).toLowerCase(Locale.ROOT)
                        + " is not supported");
            }
        }
    }

    private static void instance(String name, InstanceType required, ResolvedImport.Instance provided, Findings out) {
        var iface = provided.hostInterface();
        for (Map.Entry<String, ExternType> x : required.exports().entrySet()) {
            String path = "import '" + name + "#" + x.getKey() + "'";
            switch (x.getValue()) {
                case ExternType.Func f -> {
                    Optional<TypedHostFunction> fn = iface.function(x.getKey());
                    if (fn.isEmpty()) {
                        out.problem(path + ": the host's " + iface.fullName() + " has no function '" + x.getKey() + "'");
                    } else {
                        TypeMatching.extern(path, f, new ExternType.Func(fn.get().type()), out);
                    }
                }
                case ExternType.Type(DefinedType.Resource r) -> {
                    // bound by name to the host's resource, or an alias (type headers = fields) of one
                    boolean hosts = iface.resources().values().stream().anyMatch(h -> h.type() == r.type());
                    if (!hosts && iface.resource(x.getKey()).isPresent()) {
                        out.problem(path + ": not the resource '" + x.getKey() + "' of the host's " + iface.fullName()
                                + " (resources match by identity, not by name)");
                    } else if (!hosts) {
                        out.problem(path + ": the host's " + iface.fullName() + " has no resource '" + x.getKey() + "'");
                    }
                }
                case ExternType.Type t -> { } // value types are checked through the functions using them
                default -> out.problem(path + ": only functions and types can be imported from an instance");
            }
        }
    }
}
