package dev.mowai.arena.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the admin secret comes from: the configured one (MOWAI_ADMIN_SECRET) wins; without one the arena
 * generates a strong secret at its first start and keeps it in {@code <data-dir>/admin-secret} (owner-only),
 * as Argo CD does with its initial admin secret, so a deployment without a secret of its own still works
 * and the lead reads the secret from the data volume.
 */
public final class AdminSecretFile {

    public static final String FILE_NAME = "admin-secret";
    /** 24 random bytes: 192 bits, 32 characters of URL-safe Base64. */
    static final int BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    public enum Source { CONFIGURED, GENERATED, KEPT }

    public record Resolved(String secret, Source source, Path file) {}

    private AdminSecretFile() {
    }

    /**
     * The secret in force. A generated file that a configured secret replaced is removed: it would print a
     * secret that no longer opens anything.
     */
    public static Resolved resolve(Optional<String> configured, Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        Optional<String> own = configured.map(String::strip).filter(s -> !s.isEmpty());
        if (own.isPresent()) {
            Files.deleteIfExists(file);
            return new Resolved(own.get(), Source.CONFIGURED, file);
        }
        if (Files.isRegularFile(file)) {
            String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!kept.isEmpty()) {
                return new Resolved(kept, Source.KEPT, file);
            }
        }
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.createDirectories(dataDir);
        Path tmp = Files.createTempFile(dataDir, FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new Resolved(secret, Source.GENERATED, file);
    }
}
