package dev.mowai.runner.component.binary;

import java.util.List;

/**
 * A parsed component: its definitions in binary order and its custom sections. Nested components
 * are {@link Definition.NestedComponent} definitions.
 */
public record Component(List<Definition> definitions, List<CustomSection> customSections) {

    public Component {
        definitions = List.copyOf(definitions);
        customSections = List.copyOf(customSections);
    }

    /** A custom section's name and where its payload lies in the file. */
    public record CustomSection(String name, long offset, int length) {}

    public List<Definition.Import> imports() {
        return definitions.stream().filter(d -> d instanceof Definition.Import)
                .map(d -> (Definition.Import) d).toList();
    }

    public List<Definition.Export> exports() {
        return definitions.stream().filter(d -> d instanceof Definition.Export)
                .map(d -> (Definition.Export) d).toList();
    }

    public List<Definition.CoreModule> coreModules() {
        return definitions.stream().filter(d -> d instanceof Definition.CoreModule)
                .map(d -> (Definition.CoreModule) d).toList();
    }
}
