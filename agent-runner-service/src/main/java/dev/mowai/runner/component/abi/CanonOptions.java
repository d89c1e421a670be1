package dev.mowai.runner.component.abi;

/**
 * The canon options of one {@code canon lift} / {@code canon lower} (post-return is run by
 * {@code link}), plus the boundary caps that apply to the values this function moves.
 *
 * @param memory  the guest memory; null when the component gave none (a value that needs memory then traps)
 * @param realloc the guest's allocator; null when the component gave none
 */
public record CanonOptions(StringEncoding encoding, GuestMemory memory, Realloc realloc, BoundaryLimits limits) {

    public CanonOptions {
        if (encoding == null || limits == null) {
            throw new IllegalArgumentException("encoding and limits are required");
        }
    }

    public CanonOptions(StringEncoding encoding, GuestMemory memory, Realloc realloc) {
        this(encoding, memory, realloc, BoundaryLimits.DEFAULT);
    }
}
