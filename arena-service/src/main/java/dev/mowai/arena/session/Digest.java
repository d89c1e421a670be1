package dev.mowai.arena.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prompts a session sends: round 1 (the task), later rounds (the task, a digest of the agents'
 * latest answers, the instruction to revise or defend) and the synthesis. Every prompt is at most
 * {@value #MAX_PROMPT} characters, whatever the size of the room.
 *
 * <p>Fair sampling: at most {@value #MAX_SHOWN} answers are shown. They are taken round-robin across the
 * positions held (largest first), so a minority view is shown even in a large room; inside a position
 * the starting point rotates with the round, so different agents are quoted in different rounds.
 */
public final class Digest {

    public static final int MAX_PROMPT = 4000;
    static final int MAX_SHOWN = 12;
    static final int MAX_EXCERPT = 400;
    static final int MAX_TALLIED = 6;
    static final String OPEN_WITH = "Start your answer with one line \"POSITION: <your position in a few words>\", then your reasons.";

    private Digest() {
    }

    static String first(String task, int rounds) {
        return task + "\n\n(Debate round 1 of " + rounds + ". " + OPEN_WITH + ")";
    }

    static String later(String task, int round, int rounds, List<Answer> latest) {
        String head = task + "\n\nDebate round " + round + " of " + rounds + ". ";
        String tail = "\nRead the other agents' answers. Revise your answer if they convinced you, or defend it "
                + "with your strongest reason. " + OPEN_WITH;
        return head + quoted("The agents' latest answers", latest, round, MAX_PROMPT - head.length() - tail.length()) + tail;
    }

    static String synthesis(String task, int rounds, List<Answer> latest) {
        String head = task + "\n\nYou are the synthesiser of a " + rounds + "-round debate on the task above. ";
        String tail = "\nWrite the group's conclusion: the position most agents hold, what they agree on, "
                + "and the strongest dissent with its reason.";
        return head + quoted("The final answers", latest, 0, MAX_PROMPT - head.length() - tail.length()) + tail;
    }

    /**
     * What the moderator is asked: the task, the arena's count of the final positions (at most
     * {@value #MAX_TALLIED} listed, so that a room of many opinions cannot crowd the answers out), the
     * sampled final answers and what to write.
     */
    static String moderation(String task, int rounds, List<Answer> latest, Verdict count) {
        StringBuilder head = new StringBuilder("The task of a ").append(rounds).append("-round debate among ")
                .append(latest.size()).append(" agent(s):\n").append(task).append("\n\nThe arena's count of the final positions: ");
        head.append(count.majority() == null ? "no majority" : "majority " + count.support() + " of " + count.answered()
                + " for \"" + count.majority() + "\"").append(".\n");
        count.positions().stream().limit(MAX_TALLIED)
                .forEach(h -> head.append("- \"").append(h.position()).append("\": ").append(h.agents()).append('\n'));
        if (count.positions().size() > MAX_TALLIED) {
            head.append("- and ").append(count.positions().size() - MAX_TALLIED).append(" other position(s)\n");
        }
        String tail = "\nWrite the group's conclusion: the group's position (or that there is none), what the agents "
                + "agree on, and the strongest dissent with its reason.";
        return head + quoted("The final answers", latest, 0, MAX_PROMPT - head.length() - tail.length()) + tail;
    }

    /** The sampled answers as "- name: excerpt" lines, at most {@code budget} characters in all. */
    private static String quoted(String title, List<Answer> latest, int rotation, int budget) {
        List<Answer> shown = sample(latest, MAX_SHOWN, rotation);
        String header = title + " (" + shown.size() + " of " + latest.size() + " shown):\n";
        StringBuilder out = new StringBuilder(header);
        if (shown.isEmpty()) {
            return out.append("(no answers)\n").toString();
        }
        int each = Math.min(MAX_EXCERPT, (budget - header.length()) / shown.size());
        for (Answer a : shown) {
            String who = "- " + cut(a.name(), 40) + ": ";
            out.append(who).append(cut(a.text().replaceAll("\\s+", " ").strip(), Math.max(1, each - who.length() - 1)))
                    .append('\n');
        }
        return out.toString();
    }

    /** Round-robin across positions (largest first), each position's list rotated by {@code rotation}. */
    static List<Answer> sample(List<Answer> answers, int max, int rotation) {
        Map<String, List<Answer>> groups = new LinkedHashMap<>();
        answers.forEach(a -> groups.computeIfAbsent(a.position(), k -> new ArrayList<>()).add(a));
        List<List<Answer>> queues = groups.values().stream()
                .sorted(Comparator.comparingInt((List<Answer> g) -> -g.size()))
                .map(g -> rotate(g, rotation)).toList();
        List<Answer> picked = new ArrayList<>();
        for (int i = 0; picked.size() < Math.min(max, answers.size()); i++) {
            for (List<Answer> q : queues) {
                if (i < q.size() && picked.size() < max) {
                    picked.add(q.get(i));
                }
            }
        }
        return picked;
    }

    private static List<Answer> rotate(List<Answer> group, int by) {
        List<Answer> out = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            out.add(group.get((i + by) % group.size()));
        }
        return out;
    }

    /** {@code s} cut to at most {@code max} characters, an ellipsis marking the cut. */
    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }
}
