package dev.mowai.arena.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The moderator's system prompt: the body of {@code personas/moderator/SKILL.md}, which the build copies
 * into the arena (the personas folder stays the one place personas are written), without its front matter.
 */
public final class ModeratorPersona {

    static final String RESOURCE = "personas/moderator/SKILL.md";

    private ModeratorPersona() {
    }

    public static String load() {
        try (InputStream in = ModeratorPersona.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the arena's classpath (see arena-service/pom.xml)");
            }
            return body(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** A SKILL.md without the front matter between its "---" lines. */
    static String body(String skill) {
        String text = skill.replace("\r\n", "\n");
        if (!text.startsWith("---\n")) {
            return text.strip();
        }
        int end = text.indexOf("\n---\n", 4);
        if (end < 0) {
            throw new IllegalArgumentException(RESOURCE + ": front matter is not closed by ---");
        }
        return text.substring(end + 5).strip();
    }
}
