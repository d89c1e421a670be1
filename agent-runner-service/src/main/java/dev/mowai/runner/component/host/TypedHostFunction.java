package dev.mowai.runner.component.host;

import dev.mowai.runner.component.types.FuncType;
import java.util.Objects;

/** A host function with the name and component-level type under which it is provided. */
public record TypedHostFunction(String name, FuncType type, HostFunction implementation) {
    public TypedHostFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(implementation, "implementation");
    }
}
