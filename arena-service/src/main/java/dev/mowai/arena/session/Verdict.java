package dev.mowai.arena.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arena's record of where the debate ended, from each agent's latest answer. A majority exists when
 * one position key ({@link Position}) is held by more than half of the agents that answered; the
 * dissenters are the others, each with the strongest reason of its latest answer.
 *
 * @param majority   the majority's position as its first holder wrote it; null: no majority
 * @param positions  every position held, most supported first
 * @param changedMind agents (names) that changed their position at least once
 */
public record Verdict(String majority, int support, int answered, List<Held> positions, List<Dissent> dissenters,
        List<String> changedMind) {

    public record Held(String position, int agents) {
    }

    public record Dissent(String agentId, String name, String position, String reason) {
    }

    static Verdict of(List<Answer> latest, List<String> changedMind) {
        Map<String, List<Answer>> byKey = new LinkedHashMap<>();
        for (Answer a : latest) {
            byKey.computeIfAbsent(a.position(), k -> new ArrayList<>()).add(a);
        }
        List<Map.Entry<String, List<Answer>>> ranked = byKey.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, List<Answer>> e) -> -e.getValue().size())).toList();
        List<Held> held = ranked.stream().map(e -> new Held(Position.label(e.getValue().getFirst().text()), e.getValue().size()))
                .toList();
        if (ranked.isEmpty() || ranked.getFirst().getValue().size() * 2 <= latest.size()) {
            return new Verdict(null, 0, latest.size(), held, List.of(), changedMind);
        }
        String key = ranked.getFirst().getKey();
        List<Dissent> dissent = latest.stream().filter(a -> !a.position().equals(key))
                .map(a -> new Dissent(a.agentId(), a.name(), Position.label(a.text()), Position.reason(a.text()))).toList();
        return new Verdict(held.getFirst().position(), ranked.getFirst().getValue().size(), latest.size(), held,
                dissent, changedMind);
    }
}
