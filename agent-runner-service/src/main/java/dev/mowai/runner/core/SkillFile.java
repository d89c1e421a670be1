package dev.mowai.runner.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A persona's {@code SKILL.md}: YAML front matter ({@code name}, {@code description}, …) between
 * {@code ---} lines, then the body that becomes the system prompt of every host-llm call.
 */
public record SkillFile(String name, String description, String body) {

    /** Largest accepted custom SKILL.md, in characters (the built-in bodies stay well below 400 tokens). */
    public static final int MAX_CHARS = 8_000;

    private static final Pattern FRONT_MATTER = Pattern.compile("\\A\\uFEFF?---[ \\t]*\\R(.*?)\\R---[ \\t]*(?:\\R|\\z)(.*)\\z",
            Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");

    /** Parsing outcome: the file, or every problem found. */
    public sealed interface Parsed {
        record Ok(SkillFile skill) implements Parsed {
        }

        record Invalid(List<String> problems) implements Parsed {
        }
    }

    /** The system prompt of an agent whose persona has no SKILL.md (the runner and {@code agent run --gateway} agree). */
    public static String fallbackPrompt(String persona) {
        return "You are a helpful agent with the persona '" + persona + "'.";
    }

    public static Parsed parse(String text) {
        List<String> problems = new ArrayList<>();
        if (text.length() > MAX_CHARS) {
            problems.add("SKILL.md: " + text.length() + " characters exceeds the limit of " + MAX_CHARS);
            return new Parsed.Invalid(problems);
        }
        Matcher m = FRONT_MATTER.matcher(text);
        String name = null;
        String description = null;
        String body;
        if (m.matches()) {
            for (String line : m.group(1).split("\\R")) {
                name = name == null ? field(line, "name").orElse(null) : name;
                description = description == null ? field(line, "description").orElse(null) : description;
            }
            body = m.group(2).strip();
        } else {
            problems.add("SKILL.md: front matter missing (a block between '---' lines with name and description)");
            body = text.strip();
        }
        if (m.matches() && (name == null || !NAME.matcher(name).matches())) {
            problems.add("SKILL.md: front matter 'name' must be 1-64 lowercase letters, digits or '-'");
        }
        if (m.matches() && (description == null || description.isBlank())) {
            problems.add("SKILL.md: front matter 'description' is missing");
        }
        if (body.isEmpty()) {
            problems.add("SKILL.md: the body (the system prompt) is empty");
        }
        return problems.isEmpty() ? new Parsed.Ok(new SkillFile(name, description, body)) : new Parsed.Invalid(problems);
    }

    private static Optional<String> field(String line, String key) {
        if (!line.startsWith(key + ":")) {
            return Optional.empty();
        }
        String v = line.substring(key.length() + 1).strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            v = v.substring(1, v.length() - 1);
        }
        return Optional.of(v);
    }
}
