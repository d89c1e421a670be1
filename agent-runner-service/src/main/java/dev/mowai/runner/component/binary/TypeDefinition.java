package dev.mowai.runner.component.binary;

import dev.mowai.runner.component.types.ValType;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A type definition as written in the binary ({@code deftype}): value types still refer to other
 * types by index; the {@code types} package resolves them.
 */
public sealed interface TypeDefinition {

    // ---- defvaltype ----

    record Primitive(ValType.Primitive primitive) implements TypeDefinition {}

    record Labeled(String label, TypeRef type) {}

    record Record(List<Labeled> fields) implements TypeDefinition {
        public Record { fields = List.copyOf(fields); }
    }

    record Case(String label, Optional<TypeRef> type) {}

    record Variant(List<Case> cases) implements TypeDefinition {
        public Variant { cases = List.copyOf(cases); }
    }

    record ListOf(TypeRef element) implements TypeDefinition {}

    record Tuple(List<TypeRef> types) implements TypeDefinition {
        public Tuple { types = List.copyOf(types); }
    }

    record Flags(List<String> names) implements TypeDefinition {
        public Flags { names = List.copyOf(names); }
    }

    record Enum(List<String> names) implements TypeDefinition {
        public Enum { names = List.copyOf(names); }
    }

    record Option(TypeRef type) implements TypeDefinition {}

    record Result(Optional<TypeRef> ok, Optional<TypeRef> err) implements TypeDefinition {}

    record Own(int resourceTypeIndex) implements TypeDefinition {}

    record Borrow(int resourceTypeIndex) implements TypeDefinition {}

    // ---- other deftypes ----

    /** Parameters in order; {@code result} is empty for a function without result. */
    record Func(List<Labeled> params, Optional<TypeRef> result) implements TypeDefinition {
        public Func { params = List.copyOf(params); }
    }

    /** A resource defined by this component, represented as i32, with an optional destructor (a core func). */
    record Resource(OptionalInt destructorCoreFunc) implements TypeDefinition {}

    record ComponentType(List<Declaration> declarations) implements TypeDefinition {
        public ComponentType { declarations = List.copyOf(declarations); }
    }

    record InstanceType(List<Declaration> declarations) implements TypeDefinition {
        public InstanceType { declarations = List.copyOf(declarations); }
    }

    /** A declarator inside a component or instance type (each has its own, initially empty, index spaces). */
    sealed interface Declaration {

        record CoreTypeDecl(CoreType type) implements Declaration {}

        record TypeDecl(TypeDefinition type) implements Declaration {}

        /** Only outer aliases and instance-export aliases of types/instances are valid here. */
        record AliasDecl(Definition alias) implements Declaration {}

        record ImportDecl(String name, ExternDesc desc) implements Declaration {}

        record ExportDecl(String name, ExternDesc desc) implements Declaration {}
    }
}
