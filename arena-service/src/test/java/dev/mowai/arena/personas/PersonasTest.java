package dev.mowai.arena.personas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped personas: YAML front matter (name, description, metadata) and a body that fits the
 * 400-token budget of a system prompt. Tokens are estimated as words × 1.35 (a common ratio for
 * English under BPE tokenisers such as Phi-3.5's), rounded up.
 */
class PersonasTest {

    static final Path PERSONAS = Path.of("..", "personas");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record Skill(JsonNode frontMatter, String body) {
    }

    static Skill read(String name) throws Exception {
        String text = Files.readString(PERSONAS.resolve(name).resolve("SKILL.md"));
        assertTrue(text.startsWith("---\n"), name + ": front matter must open the file");
        int end = text.indexOf("\n---\n", 4);
        assertTrue(end > 0, name + ": front matter must be closed by ---");
        return new Skill(YAML.readTree(text.substring(4, end)), text.substring(end + 5).strip());
    }

    static int estimatedTokens(String body) {
        int words = body.split("\\s+").length;
        return (int) Math.ceil(words * 1.35);
    }

    static List<String> all() throws Exception {
        try (var dirs = Files.list(PERSONAS)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("all")
    void frontMatterAndBudget(String name) throws Exception {
        Skill s = read(name);
        assertEquals(name, s.frontMatter().path("name").asText(), "name matches the folder");
        String description = s.frontMatter().path("description").asText();
        assertTrue(description.length() >= 20 && description.length() <= 200, name + ": description of 20–200 chars");
        assertTrue(s.frontMatter().path("metadata").isObject() && !s.frontMatter().path("metadata").isEmpty(),
                name + ": metadata is a non-empty mapping");
        assertTrue(!s.body().isBlank(), name + ": body is the system prompt");
        int tokens = estimatedTokens(s.body());
        assertTrue(tokens <= 400, name + ": body is about " + tokens + " tokens, more than 400");
    }

    @ParameterizedTest
    @MethodSource("all")
    void bodyKeepsThoughtsWithinTheArenaLimit(String name) throws Exception {
        // Thoughts are cut at 1024 characters by the arena; the prompt asks for far less.
        assertTrue(read(name).body().contains("under 600 characters"), name);
    }

    @org.junit.jupiter.api.Test
    void theFiveWorkshopPersonasShip() throws Exception {
        assertTrue(all().containsAll(List.of("contrarian", "devils-advocate", "first-principles", "pragmatist",
                "synthesiser")), all().toString());
    }

    @org.junit.jupiter.api.Test
    void theEstimateCountsWords() {
        assertEquals(0 + 2, estimatedTokens("one"));
        assertEquals(14, estimatedTokens("a b c d e f g h i j"));
    }
}
