package dev.mowai.runner.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields of an upload, checked together so that a participant sees every problem at once.
 *
 * @param wasm        the component bytes (null when the part is missing)
 * @param name        display name
 * @param color       CSS colour
 * @param persona     one of the built-in personas, or the name for a custom SKILL.md
 * @param customSkill the text of an uploaded SKILL.md part, or null
 */
public record UploadForm(byte[] wasm, String name, String color, String persona, String customSkill) {

    /** The component binary preamble: magic, then version 0x0d and layer 1 (a component, not a core module). */
    private static final byte[] COMPONENT_PREAMBLE = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};
    private static final byte[] MODULE_PREAMBLE = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
    private static final Pattern COLOR = Pattern.compile("^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|(rgb|rgba|hsl|hsla)\\([0-9a-zA-Z.,%/ ]{1,24}\\))$");

    /** Problems with the fields; empty when the form is acceptable. The component itself is checked later. */
    public List<String> problems(Set<String> knownPersonas, long maxComponentBytes) {
        List<String> problems = new ArrayList<>();
        componentProblem(wasm, maxComponentBytes).ifPresent(problems::add);
        if (name == null || name.isBlank()) {
            problems.add("name: missing");
        } else if (name.length() > 64) {
            problems.add("name: " + name.length() + " characters exceeds the limit of 64");
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            problems.add("name: must not contain control characters");
        }
        if (color == null || color.isBlank()) {
            problems.add("color: missing (a CSS colour such as #ff8800)");
        } else if (color.length() > 32 || !COLOR.matcher(color).matches()) {
            problems.add("color: '" + clip(color) + "' is not a CSS colour such as #ff8800 (at most 32 characters)");
        }
        if (customSkill == null) {
            if (persona == null || persona.isBlank()) {
                problems.add("persona: missing (one of " + String.join(", ", sorted(knownPersonas)) + ", or upload a custom SKILL.md as the part 'skill')");
            } else if (!knownPersonas.contains(persona)) {
                problems.add("persona: '" + clip(persona) + "' is not one of " + String.join(", ", sorted(knownPersonas))
                        + " (or upload a custom SKILL.md as the part 'skill')");
            }
        } else if (SkillFile.parse(customSkill) instanceof SkillFile.Parsed.Invalid invalid) {
            invalid.problems().forEach(p -> problems.add("skill: " + p));
        }
        return problems;
    }

    /** The one message of the upload size limit (checked on the part's size before it is read). */
    public static String tooLarge(String part, long bytes, long maxComponentBytes) {
        return part + ": " + bytes + " bytes exceeds the limit of " + maxComponentBytes + " (mowai.limits.max-component-bytes)";
    }

    /** What is wrong with the component part before it is parsed: missing, too large, or not a component. */
    public static java.util.Optional<String> componentProblem(byte[] wasm, long maxComponentBytes) {
        if (wasm == null || wasm.length == 0) {
            return java.util.Optional.of("wasm: missing (send the component as the multipart part 'wasm')");
        }
        if (wasm.length > maxComponentBytes) {
            return java.util.Optional.of(tooLarge("wasm", wasm.length, maxComponentBytes));
        }
        return wasmProblem(wasm);
    }

    /** A quick look at the preamble, so that a core module or a random file gets a precise message. */
    public static java.util.Optional<String> wasmProblem(byte[] wasm) {
        if (startsWith(wasm, COMPONENT_PREAMBLE)) {
            return java.util.Optional.empty();
        }
        if (startsWith(wasm, MODULE_PREAMBLE)) {
            return java.util.Optional.of("wasm: this is a core WebAssembly module, not a component; "
                    + "wrap it with 'jco new agent.core.wasm -o agent.wasm' (see templates/)");
        }
        if (wasm.length >= 4 && wasm[0] == 0 && wasm[1] == 0x61 && wasm[2] == 0x73 && wasm[3] == 0x6d) {
            return java.util.Optional.of("wasm: unsupported WebAssembly version/layer in the preamble");
        }
        return java.util.Optional.of("wasm: not a WebAssembly component (the file does not start with \\0asm)");
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
