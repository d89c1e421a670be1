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

    public ParseLimits {
        if (maxComponentBytes <= 0 || maxNestingDepth <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
