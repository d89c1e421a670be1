package dev.mowai.runner.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Checks the key replicas share ({@code mowai.cluster.key}), in constant time. */
final class ReplicaKey {

    private ReplicaKey() {
    }

    /** True when no key is configured, or {@code given} is the key. */
    static boolean matches(Optional<String> key, String given) {
        Optional<String> expected = key.filter(k -> !k.isBlank());
        if (expected.isEmpty()) {
            return true;
        }
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.get().getBytes(StandardCharsets.UTF_8));
    }
}
