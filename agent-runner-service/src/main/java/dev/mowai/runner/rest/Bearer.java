package dev.mowai.runner.rest;

/** Reads {@code Authorization: Bearer <token>}. */
final class Bearer {

    private Bearer() {
    }

    static String token(String header) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String t = h.substring(7).strip();
            return t.isEmpty() ? null : t;
        }
        return null;
    }
}
