package dev.mowai.arena.session;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The position heuristic. Every round asks the agents to open with one line {@code POSITION: …}; the
 * position of an answer is that line's first sentence (else the answer's first non-blank line),
 * lower-cased, reduced to letters and digits, first {@value #WORDS} words. Two answers hold the same position when these keys are equal; an
 * agent changed its position when its key differs from its previous answer's.
 */
public final class Position {

    static final int WORDS = 8;
    static final int REASON_CHARS = 280;
    private static final Pattern MARKER = Pattern.compile("^[\\s*_#>-]*position\\s*[:\\-]\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern FIRST_SENTENCE_END = Pattern.compile("[.!?;](\\s|$)");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?])\\s+|\\n+");
    private static final Pattern REASON_WORDS = Pattern.compile(
            "\\b(because|since|therefore|due to|given that|so that|as a result)\\b", Pattern.CASE_INSENSITIVE);

    private Position() {
    }

    /** The comparable key of an answer's position ("" for an empty answer). */
    public static String key(String answer) {
        String line = positionLine(answer);
        String[] words = NON_WORD.matcher(line.toLowerCase(Locale.ROOT)).replaceAll(" ").trim().split(" ");
        return String.join(" ", Arrays.copyOf(words, Math.min(WORDS, words.length))).trim();
    }

    /** The position as written (the POSITION line's text, else the first line), at most 120 characters. */
    public static String label(String answer) {
        return Digest.cut(positionLine(answer), 120);
    }

    /**
     * The strongest reason an answer gives: the first sentence (the POSITION marker left out) that argues
     * ("because", "since", "therefore", …), else its longest sentence; at most {@value #REASON_CHARS} characters.
     */
    public static String reason(String answer) {
        List<String> sentences = Arrays.stream(SENTENCE.split(body(answer))).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        String best = sentences.stream().filter(s -> REASON_WORDS.matcher(s).find()).findFirst()
                .orElseGet(() -> sentences.stream().reduce("", (a, b) -> b.length() > a.length() ? b : a));
        return Digest.cut(best, REASON_CHARS);
    }

    private static String positionLine(String answer) {
        for (String line : answer.split("\\R")) {
            var m = MARKER.matcher(line);
            if (m.find()) {
                String stated = line.substring(m.end()).replaceAll("[*_]+$", "").strip();
                var end = FIRST_SENTENCE_END.matcher(stated);
                return end.find() ? stated.substring(0, end.start() + 1) : stated;
            }
        }
        return answer.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }

    /** The answer without the POSITION marker. */
    private static String body(String answer) {
        return String.join("\n", answer.lines().map(l -> MARKER.matcher(l).replaceFirst("")).toList());
    }
}
