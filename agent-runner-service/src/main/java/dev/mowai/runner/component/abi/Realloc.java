package dev.mowai.runner.component.abi;

/**
 * The guest's {@code realloc} canon option: allocates (originalPtr 0, originalSize 0) or resizes a
 * block in guest memory and returns its address. Implemented by {@code link} as a call of the
 * guest's core export; a guest trap inside it propagates as an exception.
 */
@FunctionalInterface
public interface Realloc {
    int realloc(int originalPtr, int originalSize, int alignment, int newSize);
}
