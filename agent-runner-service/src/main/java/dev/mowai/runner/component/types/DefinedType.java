package dev.mowai.runner.component.types;

/** An entry of a component's type index space, resolved. */
public sealed interface DefinedType {

    record Value(ValType type) implements DefinedType {}

    record Func(FuncType type) implements DefinedType {}

    record Resource(ResourceType type) implements DefinedType {}

    record Instance(InstanceType type) implements DefinedType {}

    record Component(ComponentType type) implements DefinedType {}

    default String kind() {
        return switch (this) {
            case Value v -> "value type";
            case Func f -> "func type";
            case Resource r -> "resource type";
            case Instance i -> "instance type";
            case Component c -> "component type";
        };
    }
}
