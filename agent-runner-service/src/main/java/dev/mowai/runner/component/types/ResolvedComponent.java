package dev.mowai.runner.component.types;

import java.util.List;

/**
 * A component's index spaces with every entry's resolved type, plus its import/export types. The
 * indices are those of the binary, so a linker walking the same definitions can look types up.
 * {@code nested} holds the resolution of each nested component definition, in definition order
 * (resources it imports are fresh types there; a linker binds them to its instantiation arguments).
 */
public record ResolvedComponent(ComponentType type, List<DefinedType> types, List<FuncType> funcs,
                                List<InstanceType> instances, List<ComponentType> components,
                                List<ResolvedComponent> nested) {

    public ResolvedComponent {
        types = List.copyOf(types);
        funcs = List.copyOf(funcs);
        instances = List.copyOf(instances);
        components = List.copyOf(components);
        nested = List.copyOf(nested);
    }
}
