package dev.mowai.runner.component.binary;

import java.util.List;

/** A core type defined in a component: a core function type or a core module type. */
public sealed interface CoreType {

    enum ValType { I32, I64, F32, F64, V128, FUNCREF, EXTERNREF, REF }

    record Func(List<ValType> params, List<ValType> results) implements CoreType {
        public Func {
            params = List.copyOf(params);
            results = List.copyOf(results);
        }
    }

    /** The imports and exports a core module must have (for {@code (import (core module ...))}). */
    record Module(List<ModuleDecl> declarations) implements CoreType {
        public Module { declarations = List.copyOf(declarations); }
    }

    sealed interface ModuleDecl {
        record Import(String module, String field, ImportKind kind) implements ModuleDecl {}

        record Type(CoreType type) implements ModuleDecl {}

        record AliasOuter(int outerCount, int index) implements ModuleDecl {}

        record Export(String name, ImportKind kind) implements ModuleDecl {}
    }

    /** The kind of a core import/export ({@code importdesc}), without its details beyond the function type. */
    enum ImportKind { FUNC, TABLE, MEMORY, GLOBAL, TAG }
}
