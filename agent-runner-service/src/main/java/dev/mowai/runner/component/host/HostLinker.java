package dev.mowai.runner.component.host;

import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.ResourceType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The host side of linking: interfaces and world-level functions the host implements, looked up by
 * the names components import. Interface versions match the way the component model's tooling
 * does: an import resolves to a provided version on the same compatibility track (0.2.x, 1.x, or
 * the exact 0.0.z) that is at least as new — so {@code wasi:io/streams@0.2.0} … {@code @0.2.12} all
 * resolve to a 0.2.12 implementation, while 0.3.0, 0.2.13 or a pre-release are refused by name.
 *
 * <p>Define everything before handing the linker to the runtime; resolution does not mutate it.
 */
public final class HostLinker {

    private final Map<String, List<HostInterface>> interfaces = new LinkedHashMap<>();
    private final Map<String, TypedHostFunction> functions = new LinkedHashMap<>();
    private final Map<ResourceType, HostResource> resources = new IdentityHashMap<>();
    private final List<Runnable> afterEachCall = new ArrayList<>();

    /** Adds an interface implementation; one implementation per name and version. */
    public HostLinker define(HostInterface iface) {
        List<HostInterface> versions = interfaces.computeIfAbsent(iface.name(), k -> new ArrayList<>());
        for (HostInterface existing : versions) {
            if (existing.version().compareTo(iface.version()) == 0) {
                throw new IllegalArgumentException(iface.fullName() + " is already defined");
            }
        }
        for (HostResource r : iface.resources().values()) {
            HostResource known = resources.get(r.type());
            if (known != null && known.destructor() != r.destructor()) {
                throw new IllegalArgumentException(iface.fullName() + " declares " + r.type()
                        + " with a different destructor than an interface defined before");
            }
        }
        iface.resources().values().forEach(r -> resources.put(r.type(), r));
        versions.add(iface);
        versions.sort(Comparator.comparing(HostInterface::version));
        return this;
    }

    /**
     * Runs {@code action} after each export call of the instances linked here, however the call ends:
     * for host state kept per call, e.g. output buffered until a newline.
     */
    public HostLinker afterEachCall(Runnable action) {
        afterEachCall.add(action);
        return this;
    }

    /** The actions of {@link #afterEachCall(Runnable)}, in the order they were added. */
    public List<Runnable> afterEachCall() {
        return List.copyOf(afterEachCall);
    }

    /** Adds a plain world-level function such as {@code host-llm}. */
    public HostLinker defineFunction(String name, FuncType type, HostFunction implementation) {
        ImportName parsed = ImportName.parse(name);
        if (parsed.isInterface()) {
            throw new IllegalArgumentException("'" + name + "' is an interface name; define a HostInterface for it");
        }
        if (functions.putIfAbsent(name, new TypedHostFunction(name, type, implementation)) != null) {
            throw new IllegalArgumentException("function '" + name + "' is already defined");
        }
        return this;
    }

    /**
     * Resolves one import name.
     *
     * @throws HostLinkException naming the import and what the host provides instead
     */
    public ResolvedImport resolve(String importName) {
        ImportName name;
        try {
            name = ImportName.parse(importName);
        } catch (IllegalArgumentException e) {
            throw new HostLinkException(importName, "import " + e.getMessage());
        }
        return name.isInterface() ? resolveInterface(name) : resolveFunction(name);
    }

    /** Like {@link #resolve} but without the explanation. */
    public Optional<ResolvedImport> find(String importName) {
        try {
            return Optional.of(resolve(importName));
        } catch (HostLinkException e) {
            return Optional.empty();
        }
    }

    /** The host resource for a resource type of any defined interface (for its destructor). */
    public Optional<HostResource> resource(ResourceType type) {
        return Optional.ofNullable(resources.get(type));
    }

    public List<HostInterface> interfaces() {
        return interfaces.values().stream().flatMap(List::stream).toList();
    }

    public List<TypedHostFunction> functions() {
        return List.copyOf(functions.values());
    }

    /** Everything provided, for reports: {@code wasi:io/streams@0.2.12}, …, {@code host-llm}. */
    public List<String> provided() {
        List<String> out = new ArrayList<>();
        interfaces().forEach(i -> out.add(i.fullName()));
        out.addAll(functions.keySet());
        return out;
    }

    private ResolvedImport resolveInterface(ImportName name) {
        List<HostInterface> versions = interfaces.get(name.qualified());
        if (versions == null) {
            throw new HostLinkException(name.text(), "import '" + name.text() + "' is not provided by the host"
                    + siblingsHint(name.qualified()));
        }
        String offered = versions.stream().map(HostInterface::fullName).collect(Collectors.joining(", "));
        if (name.version().isEmpty()) {
            throw new HostLinkException(name.text(), "import '" + name.text() + "' names no version; the host "
                    + "provides " + offered + " (import a compatible version)");
        }
        SemVer wanted = name.version().get();
        HostInterface best = null;
        for (HostInterface candidate : versions) { // ascending: the last match is the newest
            if (wanted.isSatisfiedBy(candidate.version())) {
                best = candidate;
            }
        }
        if (best != null) {
            return new ResolvedImport.Instance(name, best);
        }
        String accepted = versions.stream().map(i -> acceptedRange(i.version()))
                .collect(Collectors.joining(", "));
        String why = wanted.isPreRelease() ? "pre-release versions are not supported"
                : versions.stream().anyMatch(i -> i.version().track().equals(wanted.track()))
                ? "it is newer than the host's implementation" : "its version is not compatible";
        throw new HostLinkException(name.text(), "import '" + name.text() + "' is not provided: " + why
                + "; the host provides " + offered + " and accepts " + name.qualified() + "@" + accepted);
    }

    private ResolvedImport resolveFunction(ImportName name) {
        TypedHostFunction fn = functions.get(name.qualified());
        if (fn == null) {
            String known = functions.isEmpty() ? "none" : String.join(", ", functions.keySet());
            throw new HostLinkException(name.text(), "import '" + name.text()
                    + "' is not provided by the host (world functions provided: " + known + ")");
        }
        return new ResolvedImport.Function(name, fn);
    }

    /** Versions an implementation of {@code v} serves, e.g. {@code 0.2.0 … 0.2.12}. */
    static String acceptedRange(SemVer v) {
        if (v.isPreRelease()) {
            return v.toString();
        }
        SemVer first = v.major() > 0 ? SemVer.of(v.major(), 0, 0)
                : v.minor() > 0 ? SemVer.of(0, v.minor(), 0) : v;
        SemVer last = SemVer.of(v.major(), v.minor(), v.patch());
        return first.equals(last) ? last.toString() : first + " … " + last;
    }

    private String siblingsHint(String qualified) {
        String pkg = qualified.substring(0, qualified.lastIndexOf('/') + 1);
        List<String> siblings = interfaces.keySet().stream().filter(n -> n.startsWith(pkg)).toList();
        return siblings.isEmpty() ? " (it provides no interface of package " + pkg.substring(0, pkg.length() - 1) + ")"
                : " (interfaces of that package it provides: " + String.join(", ", siblings) + ")";
    }
}
