package dev.mowai.arena.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/** Admin secret check: fails closed when unset; compares digests so time reveals neither content nor length. */
final class AdminSecret {

    private AdminSecret() {
    }

    static boolean matches(Optional<String> configured, String presented) {
        if (configured.isEmpty() || configured.get().isEmpty() || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(configured.get()), sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
