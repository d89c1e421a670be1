package dev.mowai.runner.service;

import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.core.SkillFile;
import io.quarkus.logging.Log;
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

/** The built-in personas: {@code <personas-dir>/<name>/SKILL.md}, read once at start-up. */
@ApplicationScoped
public class PersonaLibrary {

    @Inject
    RunnerConfig config;

    private final Map<String, SkillFile> personas = new TreeMap<>();

    @PostConstruct
    void load() {
        Optional<Path> dir = locate(config.personasDir());
        if (dir.isEmpty()) {
            Log.warnf("no personas folder found at '%s'%s: only uploads with a custom SKILL.md are possible;"
                    + " set mowai.personas-dir", config.personasDir(),
                    Path.of(config.personasDir()).isAbsolute() ? "" : " (nor in the parent directory)");
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.get())) {
            for (Path entry : entries) {
                Path skill = entry.resolve("SKILL.md");
                if (!Files.isRegularFile(skill)) {
                    continue;
                }
                String name = entry.getFileName().toString();
                switch (SkillFile.parse(Files.readString(skill))) {
                    case SkillFile.Parsed.Ok ok -> personas.put(name, ok.skill());
                    case SkillFile.Parsed.Invalid bad -> Log.warnf("persona %s skipped: %s", skill, bad.problems());
                }
            }
        } catch (IOException e) {
            Log.warnf(e, "cannot read personas from %s", dir.get());
        }
        Log.infof("personas from %s: %s", dir.get().toAbsolutePath().normalize(), personas.keySet());
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
