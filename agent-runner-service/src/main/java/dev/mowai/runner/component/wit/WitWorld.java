package dev.mowai.runner.component.wit;

import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.ValType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WIT world whose imports and exports are functions, with the named value types it declares,
 * as {@link WitParser} reads it.
 *
 * @param packageName e.g. {@code mowai:agent@0.1.0}
 * @param name        e.g. {@code agent-world}
 * @param types       named types ({@code record agent-config}), in declaration order
 * @param imports     imported functions in declaration order
 * @param exports     exported functions in declaration order
 */
public record WitWorld(String packageName, String name, Map<String, ValType> types, Map<String, FuncType> imports,
                       Map<String, FuncType> exports) {
    public WitWorld {
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        imports = Collections.unmodifiableMap(new LinkedHashMap<>(imports));
        exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }
}
