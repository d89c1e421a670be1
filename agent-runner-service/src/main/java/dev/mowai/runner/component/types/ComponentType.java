package dev.mowai.runner.component.types;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a component imports and exports, by name, in declaration order. */
public record ComponentType(Map<String, ExternType> imports, Map<String, ExternType> exports) {
    public ComponentType {
        imports = Collections.unmodifiableMap(new LinkedHashMap<>(imports));
        exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }
}
