package dev.mowai.runner.component.binary;

/**
 * Limits that keep hostile binaries from exhausting the parser.
 *
 * @param maxComponentBytes largest accepted file
 * @param maxNestingDepth   deepest nesting of components and component/instance type declarators
 */
public record ParseLimits(long maxComponentBytes, int maxNestingDepth) {

    /** 64 MiB holds a SpiderMonkey-based JS component (~12.5 MB) with room to spare. */
    public static final ParseLimits DEFAULT = new ParseLimits(64L << 20, 32);

    /** The one check and message of the size limit, before any parsing (the agent runtime uses it too). */
    public java.util.Optional<String> sizeProblem(long bytes) {
        return bytes <= maxComponentBytes ? java.util.Optional.empty() : java.util.Optional.of("the component is "
                + bytes + " bytes, more than the limit of " + maxComponentBytes + " bytes");
    }

    public ParseLimits {
        if (maxComponentBytes <= 0 || maxNestingDepth <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
