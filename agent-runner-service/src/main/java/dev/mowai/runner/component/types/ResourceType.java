package dev.mowai.runner.component.types;

/**
 * A resource type. Identity matters (two resources with the same name are different types), so this
 * is a class compared by reference, not a record.
 *
 * @param name the name under which the resource was imported or exported, for error messages
 */
public final class ResourceType {
    private final String name;

    public ResourceType(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "resource " + name;
    }
}
