package dev.mowai.runner.core;

import java.util.Optional;

/**
 * How large a request body may be, by route, judged from its declared {@code Content-Length} before a
 * byte of it is read: an upload is its component, a SKILL.md and a few small fields; a hot swap is its
 * component. A body without a declared length (chunked) is bounded while it is read by the HTTP
 * server's overall limit ({@code quarkus.http.limits.max-body-size}).
 *
 * @param maxComponentBytes {@code mowai.limits.max-component-bytes}
 */
public record BodyLimits(long maxComponentBytes) {

    /** A SKILL.md part: {@link SkillFile#MAX_CHARS} characters of up to 4 UTF-8 bytes each. */
    public static final long MAX_SKILL_BYTES = 4L * SkillFile.MAX_CHARS;
    /** Multipart boundaries, part headers, name, colour, persona. */
    static final long FORM_OVERHEAD_BYTES = 64 * 1024;

    /** The routes with large bodies. */
    public enum Route { UPLOAD, HOT_SWAP }

    public long maxBytes(Route route) {
        return switch (route) {
            case UPLOAD -> maxComponentBytes + MAX_SKILL_BYTES + FORM_OVERHEAD_BYTES;
            case HOT_SWAP -> maxComponentBytes + FORM_OVERHEAD_BYTES;
        };
    }

    /** Why a body that declares {@code contentLength} (the header's value, null when absent) is refused, if it is. */
    public Optional<String> refusal(Route route, String contentLength) {
        if (contentLength == null) {
            return Optional.empty();
        }
        long declared;
        try {
            declared = Long.parseLong(contentLength.strip());
        } catch (NumberFormatException e) {
            return Optional.of("Content-Length: '" + clip(contentLength) + "' is not a number");
        }
        long max = maxBytes(route);
        if (declared > max) {
            return Optional.of("the request body declares " + declared + " bytes (Content-Length), above the limit of "
                    + max + " for " + (route == Route.UPLOAD ? "an upload" : "a hot swap") + ": a component of at most "
                    + maxComponentBytes + " bytes (mowai.limits.max-component-bytes)"
                    + (route == Route.UPLOAD ? ", a SKILL.md of at most " + SkillFile.MAX_CHARS + " characters" : "")
                    + " and " + FORM_OVERHEAD_BYTES / 1024 + " KiB of form fields");
        }
        return Optional.empty();
    }

    private static String clip(String s) {
        return s.length() <= 24 ? s : s.substring(0, 24) + "…";
    }
}
