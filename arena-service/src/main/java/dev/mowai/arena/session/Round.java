package dev.mowai.arena.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One round: a GLOBAL_TASK, the agents present at its start, their answers.
 *
 * @param closedBy null while open; else "all answered", "timeout", "lead" or "stopped"
 * @param silent   agents present at the start that had not answered when the round closed
 */
public record Round(int number, String taskId, String prompt, long startedAt, long deadline,
        List<Participant> present, List<Answer> answers, Long closedAt, String closedBy, List<String> silent) {

    public Round {
        present = List.copyOf(present);
        answers = List.copyOf(answers);
        silent = List.copyOf(silent);
    }

    static Round open(int number, String taskId, String prompt, long now, long timeoutMs, List<Participant> present) {
        return new Round(number, taskId, prompt, now, now + timeoutMs, present, List.of(), null, null, List.of());
    }

    public boolean isOpen() {
        return closedAt == null;
    }

    public Optional<Answer> answerOf(String agentId) {
        return answers.stream().filter(a -> a.agentId().equals(agentId)).findFirst();
    }

    /** Everyone present has answered (a round nobody was present for waits for its timeout). */
    boolean complete() {
        return !present.isEmpty() && present.stream().allMatch(p -> answerOf(p.agentId()).isPresent());
    }

    Round with(Answer a) {
        List<Answer> all = new ArrayList<>(answers);
        all.add(a);
        return new Round(number, taskId, prompt, startedAt, deadline, present, all, closedAt, closedBy, silent);
    }

    Round closed(long now, String by) {
        List<String> quiet = present.stream().map(Participant::agentId).filter(id -> answerOf(id).isEmpty()).toList();
        return new Round(number, taskId, prompt, startedAt, deadline, present, answers, now, by, quiet);
    }
}
