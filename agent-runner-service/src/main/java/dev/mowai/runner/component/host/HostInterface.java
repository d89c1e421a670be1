package dev.mowai.runner.component.host;

import dev.mowai.runner.component.types.FuncType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An interface implemented by the host, such as {@code wasi:io/streams@0.2.12}: its functions by
 * their component-level names ({@code get-stdout}, {@code [method]output-stream.write},
 * {@code [static]fields.from-list}, {@code [constructor]fields}) and the resource types it exports,
 * including those it re-exports through {@code use} (the same {@link HostResource} as in the
 * defining interface, so both names denote one type).
 *
 * @param name      the interface name without version, {@code wasi:io/streams}
 * @param version   the version this implementation provides; compatible older imports resolve to it
 */
public record HostInterface(String name, SemVer version, Map<String, TypedHostFunction> functions,
                            Map<String, HostResource> resources) {

    public HostInterface {
        Objects.requireNonNull(version, "version");
        ImportName parsed = ImportName.parse(name);
        if (!parsed.isInterface() || parsed.version().isPresent()) {
            throw new IllegalArgumentException("'" + name + "' is not an interface name of the form "
                    + "namespace:package/interface (give the version separately)");
        }
        functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
        resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
        for (var e : resources.entrySet()) {
            requireKebab(e.getKey(), "resource");
        }
        for (var e : functions.entrySet()) {
            if (!e.getKey().equals(e.getValue().name())) {
                throw new IllegalArgumentException("function registered as '" + e.getKey() + "' is named '"
                        + e.getValue().name() + "'");
            }
            checkFunctionName(name, e.getKey(), resources);
        }
    }

    public static Builder builder(String name, String version) {
        return new Builder(name, SemVer.parse(version));
    }

    /** {@code wasi:io/streams@0.2.12}. */
    public String fullName() {
        return name + "@" + version;
    }

    public Optional<TypedHostFunction> function(String functionName) {
        return Optional.ofNullable(functions.get(functionName));
    }

    public Optional<HostResource> resource(String resourceName) {
        return Optional.ofNullable(resources.get(resourceName));
    }

    private static void checkFunctionName(String iface, String fn, Map<String, HostResource> resources) {
        String resource = null;
        if (fn.startsWith("[constructor]")) {
            resource = fn.substring("[constructor]".length());
        } else if (fn.startsWith("[method]") || fn.startsWith("[static]")) {
            String rest = fn.substring(fn.indexOf(']') + 1);
            int dot = rest.indexOf('.');
            if (dot < 0) {
                throw new IllegalArgumentException("function '" + fn + "' of " + iface
                        + " must be written [method]resource.name or [static]resource.name");
            }
            resource = rest.substring(0, dot);
            requireKebab(rest.substring(dot + 1), "function");
        } else {
            requireKebab(fn, "function");
        }
        if (resource != null && !resources.containsKey(resource)) {
            throw new IllegalArgumentException("function '" + fn + "' of " + iface + " belongs to resource '"
                    + resource + "', which the interface does not declare");
        }
    }

    private static void requireKebab(String s, String what) {
        ImportName parsed;
        try {
            parsed = ImportName.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " name '" + s + "' is not kebab-case", e);
        }
        if (parsed.isInterface()) {
            throw new IllegalArgumentException(what + " name '" + s + "' is not kebab-case");
        }
    }

    /** Collects functions and resources in declaration order. */
    public static final class Builder {
        private final String name;
        private final SemVer version;
        private final Map<String, TypedHostFunction> functions = new LinkedHashMap<>();
        private final Map<String, HostResource> resources = new LinkedHashMap<>();

        private Builder(String name, SemVer version) {
            this.name = name;
            this.version = version;
        }

        /** Declares a resource type this interface defines or re-exports ({@code use}). */
        public Builder resource(HostResource resource) {
            if (resources.putIfAbsent(resource.name(), resource) != null) {
                throw new IllegalArgumentException(name + " declares resource '" + resource.name() + "' twice");
            }
            return this;
        }

        public Builder function(String functionName, FuncType type, HostFunction implementation) {
            if (functions.putIfAbsent(functionName, new TypedHostFunction(functionName, type, implementation)) != null) {
                throw new IllegalArgumentException(name + " declares function '" + functionName + "' twice");
            }
            return this;
        }

        public HostInterface build() {
            return new HostInterface(name, version, functions, resources);
        }
    }
}
