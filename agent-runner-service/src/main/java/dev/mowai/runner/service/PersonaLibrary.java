package dev.mowai.runner.service;

import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.core.SkillFile;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The built-in personas: {@code <personas-dir>/<name>/SKILL.md}, read once at start-up. A runner without
 * any refuses to start: every upload names a persona, so it could only answer each one with "not one of"
 * an empty list.
 */
@Startup
@ApplicationScoped
public class PersonaLibrary {

    @Inject
    RunnerConfig config;

    private final Map<String, SkillFile> personas = new TreeMap<>();

    @PostConstruct
    void load() {
        personas.putAll(load(config.personasDir()));
    }

    /** The personas of the folder {@code configured} (or of {@code ../configured} when relative). */
    static Map<String, SkillFile> load(String configured) {
        Path dir = locate(configured).orElseThrow(() -> new IllegalStateException(
                "no personas folder at " + Path.of(configured).toAbsolutePath().normalize()
                        + (Path.of(configured).isAbsolute() ? "" : " (nor in the parent directory)")
                        + ": set mowai.personas-dir (MOWAI_PERSONAS_DIR) to the repository's personas/ folder"));
        Map<String, SkillFile> found = read(dir);
        Log.infof("personas from %s: %s", dir.toAbsolutePath().normalize(), found.keySet());
        return found;
    }

    /** The valid personas of {@code dir}; none at all is an error that names the folder. */
    static Map<String, SkillFile> read(Path dir) {
        Map<String, SkillFile> found = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Path skill = entry.resolve("SKILL.md");
                if (!Files.isRegularFile(skill)) {
                    continue;
                }
                String name = entry.getFileName().toString();
                switch (SkillFile.parse(Files.readString(skill))) {
                    case SkillFile.Parsed.Ok ok -> found.put(name, ok.skill());
                    case SkillFile.Parsed.Invalid bad -> Log.warnf("persona %s skipped: %s", skill, bad.problems());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read personas from " + dir.toAbsolutePath().normalize() + ": " + e, e);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no personas in " + dir.toAbsolutePath().normalize()
                    + ": it needs <name>/SKILL.md folders (set mowai.personas-dir, MOWAI_PERSONAS_DIR, to the repository's personas/)");
        }
        return found;
    }

    public Set<String> names() {
        return Set.copyOf(personas.keySet());
    }

    /** The system prompt of a built-in persona (its SKILL.md without the front matter). */
    public Optional<String> systemPrompt(String persona) {
        return Optional.ofNullable(personas.get(persona)).map(SkillFile::body);
    }

    static Optional<Path> locate(String configured) {
        Path p = Path.of(configured);
        if (Files.isDirectory(p)) {
            return Optional.of(p);
        }
        if (!p.isAbsolute() && Files.isDirectory(Path.of("..").resolve(p))) {
            return Optional.of(Path.of("..").resolve(p));
        }
        return Optional.empty();
    }
}
