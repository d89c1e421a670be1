package dev.mowai.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keeps {@link MowaiService}'s key lists honest: every {@code MOWAI_*} key must still be a property of the
 * module's {@code @ConfigMapping} interfaces (a {@code group()} per dotted level, a {@code camelCase()} method
 * for the kebab-case leaf), so renaming a key in a service fails here rather than in a workshop.
 */
class ConfigKeysTest {

    @ParameterizedTest
    @EnumSource(MowaiService.class)
    void everyMowaiKeyIsAPropertyOfTheService(MowaiService s) {
        String sources = configSources(s.module);
        List<String> unknown = new ArrayList<>();
        for (String key : s.envKeys) {
            if (!key.startsWith("MOWAI_")) {
                continue; // Quarkus and its extensions read these
            }
            if (!declares(sources, key)) {
                unknown.add(key);
            }
        }
        assertTrue(unknown.isEmpty(), s.module + " declares no property for " + unknown);
    }

    @org.junit.jupiter.api.Test
    void theMatcherTellsDeclaredFromUndeclaredKeys() {
        String sources = """
                @ConfigMapping(prefix = "mowai.scheduler")
                interface S { int maxConcurrent(); }
                @ConfigMapping(prefix = "mowai")
                interface R { Optional<String> joinCode(); Runner runner(); interface Runner { int workers(); } }
                """;
        assertTrue(declares(sources, "MOWAI_SCHEDULER_MAX_CONCURRENT"));
        assertTrue(declares(sources, "MOWAI_JOIN_CODE"));
        assertTrue(declares(sources, "MOWAI_RUNNER_WORKERS"));
        assertTrue(!declares(sources, "MOWAI_SCHEDULER_MAX_CONCURRENCY"));
        assertTrue(!declares(sources, "MOWAI_LIMITS_WORKERS"), "a leaf under a group the service lacks");
        assertTrue(!declares(sources, "MOWAI_CLUSTER_SELF"));
    }

    /** MOWAI_A_B_C: some split into groups (a(), b()) and a leaf (cC()) must appear in the config sources. */
    static boolean declares(String sources, String envKey) {
        String[] parts = envKey.substring("MOWAI_".length()).toLowerCase(Locale.ROOT).split("_");
        for (int leafStart = 0; leafStart < parts.length; leafStart++) {
            String leaf = camel(parts, leafStart, parts.length);
            if (!sources.contains(" " + leaf + "()")) {
                continue;
            }
            boolean groupsDeclared = true;
            for (int g = 0; g < leafStart; g++) {
                String group = parts[g];
                boolean asMethod = sources.contains(" " + group + "()");
                boolean asPrefix = sources.contains("prefix = \"mowai." + String.join(".", List.of(parts).subList(0, g + 1)) + "\"");
                groupsDeclared &= asMethod || asPrefix;
            }
            if (groupsDeclared) {
                return true;
            }
        }
        return false;
    }

    private static String camel(String[] parts, int from, int to) {
        StringBuilder out = new StringBuilder(parts[from]);
        for (int i = from + 1; i < to; i++) {
            out.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return out.toString();
    }

    private static String configSources(String module) {
        Path root = Repo.path(module + "/src/main/java");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).map(ConfigKeysTest::read)
                    .filter(text -> text.contains("@ConfigMapping") || text.contains("@ConfigGroup"))
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
