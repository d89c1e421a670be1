package dev.mowai.runner.component.types;

import java.util.ArrayList;
import java.util.List;

/**
 * What a type check found: problems (the component cannot run) and notes (it can; worth knowing).
 * Bounded, because a small component can declare thousands of mismatching imports with long names:
 * at most {@link #MAX_LINES} lines of each kind, each cut at {@link #MAX_LINE_CHARS} characters,
 * and a last line {@code … N more problems} when some were left out.
 */
public final class Findings {
    public static final int MAX_LINES = 100;
    public static final int MAX_LINE_CHARS = 1000;

    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int moreProblems;
    private int moreNotes;

    public void problem(String line) {
        if (problems.size() < MAX_LINES) {
            problems.add(clip(line));
        } else {
            moreProblems++;
        }
    }

    public void note(String line) {
        if (notes.size() < MAX_LINES) {
            notes.add(clip(line));
        } else {
            moreNotes++;
        }
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** Every problem kept, then {@code … N more problems} if some were left out. */
    public List<String> problems() {
        return withMore(problems, moreProblems, "problems");
    }

    public List<String> notes() {
        return withMore(notes, moreNotes, "notes");
    }

    /** A line cut at {@link #MAX_LINE_CHARS} characters, ending in {@code …} when cut. */
    public static String clip(String line) {
        return line.length() <= MAX_LINE_CHARS ? line : line.substring(0, MAX_LINE_CHARS) + "…";
    }

    /** At most {@link #MAX_LINES} of {@code lines} (each clipped), then {@code … N more WHAT}. */
    public static List<String> bounded(List<String> lines, String what) {
        List<String> kept = lines.stream().limit(MAX_LINES).map(Findings::clip).toList();
        return withMore(kept, lines.size() - kept.size(), what);
    }

    private static List<String> withMore(List<String> kept, int more, String what) {
        if (more == 0) {
            return List.copyOf(kept);
        }
        List<String> out = new ArrayList<>(kept);
        out.add("… " + more + " more " + what);
        return List.copyOf(out);
    }
}
