package dev.mowai.arena.rest;

import java.util.Optional;

/**
 * Who may send the arena a body. Every write (anything but GET, HEAD, OPTIONS) is the lead's, and is
 * judged on its headers alone, before a byte of the body is read: the admin secret first, then the
 * declared length. A chunked body has no declared length; the HTTP layer's body limit (the same
 * {@link #MAX_BODY_BYTES}, {@code quarkus.http.limits.max-body-size}) cuts it off while reading.
 */
public record AdminGate(Optional<String> secret) {

    /** The largest write body: a task is at most 512 characters of JSON. Keep in step with max-body-size. */
    public static final long MAX_BODY_BYTES = 4096;

    public AdminGate {
        secret = secret.filter(s -> !s.isEmpty());
    }

    /** What the headers say. {@code contentLength} is the raw header (null when absent). */
    public record Request(String method, String secretHeader, String contentLength) {
    }

    public sealed interface Verdict {
        record Pass() implements Verdict {
        }

        record Refuse(int status, String error) implements Verdict {
        }
    }

    public Verdict check(Request r) {
        if (r.method().equals("GET") || r.method().equals("HEAD") || r.method().equals("OPTIONS")) {
            return new Verdict.Pass();
        }
        if (secret.isEmpty()) {
            return new Verdict.Refuse(403,
                    "task broadcasting is disabled: no admin secret configured (set MOWAI_ADMIN_SECRET)");
        }
        if (!AdminSecret.matches(secret, r.secretHeader())) {
            return new Verdict.Refuse(401, r.secretHeader() == null ? "missing X-Admin-Secret header" : "wrong X-Admin-Secret");
        }
        if (r.contentLength() == null) {
            return new Verdict.Pass();
        }
        long length;
        try {
            length = Long.parseLong(r.contentLength().trim());
        } catch (NumberFormatException e) {
            return new Verdict.Refuse(400, "Content-Length: not a number");
        }
        if (length < 0) {
            return new Verdict.Refuse(400, "Content-Length: not a number");
        }
        if (length > MAX_BODY_BYTES) {
            return new Verdict.Refuse(413, "body: " + length + " bytes exceeds the limit of " + MAX_BODY_BYTES + " bytes");
        }
        return new Verdict.Pass();
    }
}
