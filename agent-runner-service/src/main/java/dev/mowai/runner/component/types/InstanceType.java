package dev.mowai.runner.component.types;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The exports of an instance, by name, in declaration order. */
public record InstanceType(Map<String, ExternType> exports) {
    public InstanceType {
        exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }
}
