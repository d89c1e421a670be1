package dev.mowai.runner.component.abi;

/** Core WebAssembly value types that component values flatten to. */
public enum CoreType {
    I32, I64, F32, F64
}
