package dev.mowai.arena.session;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A session as a readable Markdown document: task, each round, synthesis, verdict, who changed their mind. */
public final class SessionDocument {

    private SessionDocument() {
    }

    public static String markdown(Debate d) {
        StringBuilder md = new StringBuilder("# Debate session ").append(d.id()).append("\n\n");
        md.append("- State: ").append(d.state().name().toLowerCase()).append('\n');
        md.append("- Started: ").append(Instant.ofEpochMilli(d.createdAt())).append('\n');
        if (d.endedAt() != null) {
            md.append("- Ended: ").append(Instant.ofEpochMilli(d.endedAt())).append('\n');
        }
        md.append("- Rounds: ").append(d.rounds().size()).append(" of ").append(d.spec().rounds())
                .append(", ").append(d.spec().roundTimeoutSeconds()).append(" s each, reactions ")
                .append(d.spec().reactions() ? "on" : "off").append('\n');
        md.append("\n## Task\n\n").append(quote(d.spec().task())).append('\n');
        for (Round r : d.rounds()) {
            round(md, r);
        }
        md.append("\n## Synthesis\n\n");
        if (d.synthesis() != null) {
            md.append("By **").append(d.synthesis().name()).append("**");
            if (Debate.MODERATOR.agentId().equals(d.synthesis().agentId())) {
                md.append(" (the arena, through the inference gateway")
                        .append(d.synthesisNote() == null ? "" : "; " + d.synthesisNote()).append(')');
            }
            md.append(":\n\n").append(quote(d.synthesis().text())).append('\n');
        } else {
            md.append("_").append(d.synthesisNote() == null || d.awaitsModerator() ? "pending" : d.synthesisNote()).append("_\n");
        }
        verdict(md, d.verdict());
        return md.toString();
    }

    private static void round(StringBuilder md, Round r) {
        Map<String, String> names = r.present().stream()
                .collect(Collectors.toMap(Participant::agentId, Participant::name, (a, b) -> a));
        md.append("\n## Round ").append(r.number()).append("\n\n");
        md.append(r.isOpen() ? "_open_" : "Closed by: " + r.closedBy()).append(" · present: ")
                .append(r.present().stream().map(Participant::name).collect(Collectors.joining(", ", "", "")))
                .append("\n");
        for (Answer a : r.answers()) {
            md.append("\n### ").append(a.name()).append(" (").append(a.afterMs() / 1000.0).append(" s")
                    .append(a.changed() ? ", **changed position**" : "").append(a.late() ? ", late" : "").append(")\n\n")
                    .append(quote(a.text())).append('\n');
        }
        if (!r.silent().isEmpty()) {
            md.append("\nSilent: ").append(r.silent().stream().map(id -> names.getOrDefault(id, id))
                    .collect(Collectors.joining(", "))).append('\n');
        }
    }

    private static void verdict(StringBuilder md, Verdict v) {
        md.append("\n## Verdict\n\n");
        if (v == null) {
            md.append("_pending_\n");
            return;
        }
        md.append(v.majority() == null ? "No majority among " + v.answered() + " agent(s)."
                : "Majority (" + v.support() + " of " + v.answered() + "): **" + v.majority() + "**").append("\n\n");
        list(md, "Positions", v.positions(), h -> h.position() + " — " + h.agents());
        list(md, "Dissenters", v.dissenters(), x -> "**" + x.name() + "** (" + x.position() + "): " + x.reason());
        md.append("Changed their mind: ").append(v.changedMind().isEmpty() ? "nobody" : String.join(", ", v.changedMind()))
                .append('\n');
    }

    private static <T> void list(StringBuilder md, String title, List<T> items, Function<T, String> line) {
        if (items.isEmpty()) {
            return;
        }
        md.append(title).append(":\n\n");
        items.forEach(i -> md.append("- ").append(line.apply(i)).append('\n'));
        md.append('\n');
    }

    private static String quote(String text) {
        return text.lines().map(l -> "> " + l).collect(Collectors.joining("\n"));
    }
}
