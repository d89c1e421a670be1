package dev.mowai.runner.component.types;

import java.util.List;
import java.util.Optional;

/** A component-level function type: named parameters and at most one result. */
public record FuncType(List<Param> params, Optional<ValType> result) {

    public record Param(String name, ValType type) {}

    public FuncType {
        params = List.copyOf(params);
    }
}
