package dev.mowai.runner.component.abi;

/**
 * Caps on what may cross the component boundary in one lift or lower of a value (arguments or
 * results). They protect the host from a guest that declares huge strings or lists (or many
 * overlapping views of the same bytes) and the guest from a host that sends too much.
 *
 * @param maxStringBytes longest single string, in bytes of the guest's encoding
 * @param maxListLength  most elements of a single list
 * @param maxTotalBytes  all strings and list elements of one value transfer together (a list element
 *                       of size 0 still counts 1 byte), which bounds amplification through aliasing
 */
public record BoundaryLimits(long maxStringBytes, long maxListLength, long maxTotalBytes) {

    /** 16 MiB strings, 4 Mi list elements, 64 MiB per transfer. */
    public static final BoundaryLimits DEFAULT = new BoundaryLimits(16L << 20, 4L << 20, 64L << 20);

    public BoundaryLimits {
        if (maxStringBytes < 0 || maxListLength < 0 || maxTotalBytes < 0) {
            throw new IllegalArgumentException("boundary limits must not be negative");
        }
    }
}
