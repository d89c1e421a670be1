package dev.mowai.runner.core;

/**
 * Fits text into the arena's length limits. The arena counts UTF-16 code units; a cut never splits
 * a surrogate pair, and a cut text ends with {@link #MARKER} so readers see it was shortened.
 */
public final class Truncation {

    public static final String MARKER = " …[truncated]";

    private Truncation() {
    }

    /** Whether {@link #fit} would change {@code text}. */
    public static boolean exceeds(String text, int maxChars) {
        return text.length() > maxChars;
    }

    /** {@code text} unchanged when it fits, else its longest prefix that fits with the marker. */
    public static String fit(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        if (maxChars <= MARKER.length()) {
            return safePrefix(text, maxChars);
        }
        return safePrefix(text, maxChars - MARKER.length()) + MARKER;
    }

    private static String safePrefix(String text, int length) {
        int end = length;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
