package dev.mowai.runner.component.host;

import dev.mowai.runner.component.types.ResourceType;
import java.util.Objects;

/**
 * A resource type implemented by the host, with the destructor the canonical ABI runs when the
 * guest drops the last owning handle ({@code resource.drop}).
 */
public record HostResource(ResourceType type, Destructor destructor) {

    /** Releases what a resource representation holds. Must not throw for a valid representation. */
    @FunctionalInterface
    public interface Destructor {
        void destroy(Object rep);

        Destructor NONE = rep -> { };
    }

    public HostResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(destructor, "destructor");
    }

    public static HostResource withoutDestructor(ResourceType type) {
        return new HostResource(type, Destructor.NONE);
    }

    public String name() {
        return type.name();
    }
}
