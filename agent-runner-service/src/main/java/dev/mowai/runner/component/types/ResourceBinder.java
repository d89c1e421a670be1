package dev.mowai.runner.component.types;

/**
 * Chooses the resource type behind an imported abstract resource ({@code (type (sub resource))}):
 * the host's own {@link ResourceType} when it implements the import, a fresh one otherwise.
 */
@FunctionalInterface
public interface ResourceBinder {

    /**
     * @param importName   the component import declaring the resource ({@code wasi:io/poll@0.2.3});
     *                     for a top-level type import, the resource's own name
     * @param resourceName the resource's name inside that import ({@code pollable})
     */
    ResourceType bind(String importName, String resourceName);

    /** Every imported resource gets a fresh type (type checking without a host). */
    ResourceBinder FRESH = (importName, resourceName) -> new ResourceType(resourceName);
}
