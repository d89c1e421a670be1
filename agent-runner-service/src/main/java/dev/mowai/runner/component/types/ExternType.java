package dev.mowai.runner.component.types;

/** The resolved type of something a component imports or exports. */
public sealed interface ExternType {

    record Func(FuncType type) implements ExternType {}

    record Instance(InstanceType type) implements ExternType {}

    record Component(ComponentType type) implements ExternType {}

    /** A type import/export: a value type, a resource, or another defined type. */
    record Type(DefinedType type) implements ExternType {}

    record CoreModule() implements ExternType {}

    record Value(ValType type) implements ExternType {}
}
