package dev.mowai.runner.component.binary;

import dev.mowai.runner.component.types.ValType;

/** A {@code valtype} as written in the binary: a primitive or an index into the type index space. */
public sealed interface TypeRef {

    record Prim(ValType.Primitive primitive) implements TypeRef {}

    record Index(int index) implements TypeRef {}
}
