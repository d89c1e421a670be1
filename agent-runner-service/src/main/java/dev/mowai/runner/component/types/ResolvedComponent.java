package dev.mowai.runner.component.types;

import java.util.List;

/**
 * A component's index spaces with every entry's resolved type, plus its import/export types. The
 * indices are those of the binary, so a linker walking the same definitions can look types up.
 */
public record ResolvedComponent(ComponentType type, List<DefinedType> types, List<FuncType> funcs,
                                List<InstanceType> instances, List<ComponentType> components) {

    public ResolvedComponent {
        types = List.copyOf(types);
        funcs = List.copyOf(funcs);
        instances = List.copyOf(instances);
        components = List.copyOf(components);
    }
}
