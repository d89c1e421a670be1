package dev.mowai.runner.component.binary;

/**
 * A component binary that is malformed, too large or uses a feature this runtime does not support.
 * The message always says what is wrong and where: the section being read and the byte offset
 * (from the start of the file, nested components included).
 */
public final class ComponentFormatException extends RuntimeException {
    private final String section;
    private final long offset;

    public ComponentFormatException(String what, String section, long offset) {
        super(what + " (in " + section + " at byte offset " + offset + ")");
        this.section = section;
        this.offset = offset;
    }

    /** Plain error without a location, for whole-file problems such as the size cap. */
    public ComponentFormatException(String what) {
        super(what);
        this.section = "";
        this.offset = -1;
    }

    /** The section being read, e.g. {@code "type section"}; empty for whole-file errors. */
    public String section() {
        return section;
    }

    /** Byte offset from the start of the file; -1 for whole-file errors. */
    public long offset() {
        return offset;
    }
}
