package dev.mowai.runner.component.types;

/** A component whose types do not fit together (wrong kind of type at an index, too deep a type, …). */
public final class TypeResolutionException extends RuntimeException {
    private final long offset;

    public TypeResolutionException(String what, long offset) {
        super(what + (offset >= 0 ? " (definition at byte offset " + offset + ")" : ""));
        this.offset = offset;
    }

    /** Byte offset of the definition that failed; -1 when unknown. */
    public long offset() {
        return offset;
    }
}
