package dev.mowai.arena.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A debate session as a pure state machine. Every transition takes the time (and, where a round or the
 * synthesis may open, the {@link Room}) and returns a {@link Step}: the next state and at most one task
 * to send. Round 1 is the task; each later round opens when the previous one closes, which is when every
 * agent present at its start answered, at its deadline, or when the lead says next. After the last round
 * the synthesiser (if one is named and connected) gets the final answers. Without one, or when it is gone
 * or silent, the {@link #MODERATOR} writes the conclusion: the shell asks the gateway while
 * {@link #awaitsModerator()} and reports back through {@link #moderated} or {@link #moderationFailed}.
 * Then the verdict is recorded.
 *
 * @param synthesisNote why the named synthesiser did not write the synthesis (not connected, silent) while
 *                      the moderator is asked and after it answered; why there is none at all
 *                      ("synthesis unavailable: …", stopped); else null
 */
public record Debate(String id, SessionSpec spec, State state, long createdAt, List<Round> rounds,
        Participant synthesiser, String synthesisTaskId, Long synthesisDeadline, Answer synthesis,
        String synthesisNote, Verdict verdict, Long endedAt) {

    public enum State { RUNNING, SYNTHESISING, DONE, STOPPED }

    /** The arena itself, asking the inference gateway in the moderator persona (caller id "arena"). */
    public static final Participant MODERATOR = new Participant("arena", "moderator", "moderator");

    public record Step(Debate debate, Optional<Broadcast> broadcast) {
        public static Step of(Debate d) {
            return new Step(d, Optional.empty());
        }
    }

    public Debate {
        rounds = List.copyOf(rounds);
    }

    public static Step start(String id, SessionSpec spec, Room room, long now) {
        Round first = Round.open(1, room.nextTaskId(), Digest.first(spec.task(), spec.rounds()), now, timeoutMs(spec),
                room.present());
        Debate d = new Debate(id, spec, State.RUNNING, now, List.of(first), null, null, null, null, null, null, null);
        return new Step(d, Optional.of(new Broadcast(first.taskId(), first.prompt(), spec.reactions(), null)));
    }

    public Round current() {
        return rounds.getLast();
    }

    public boolean finished() {
        return state == State.DONE || state == State.STOPPED;
    }

    /** The shell owes this session a call to the gateway's moderator (again after a restart). */
    public boolean awaitsModerator() {
        return state == State.SYNTHESISING && MODERATOR.equals(synthesiser);
    }

    /** The moderator's conclusion arrived; ignored unless the session still waits for it. */
    public Debate moderated(String text, long now) {
        if (!awaitsModerator()) {
            return this;
        }
        Answer a = new Answer(MODERATOR.agentId(), MODERATOR.name(), text, Position.key(text), now,
                now - current().closedAt(), false, false);
        return with(a).finish(now, synthesisNote);
    }

    /** The gateway could not give a conclusion: the session ends with the verdict alone and says why. */
    public Debate moderationFailed(String reason, long now) {
        if (!awaitsModerator()) {
            return this;
        }
        return finish(now, "synthesis unavailable: " + reason + (synthesisNote == null ? "" : " (" + synthesisNote + ")"));
    }

    /** An AGENT_RESPONSE seen in the arena; answers to other tasks leave the session as it is. */
    public Step answered(String agentId, String name, String taskId, String text, long now, Room room) {
        if (finished()) {
            return Step.of(this);
        }
        if (state == State.SYNTHESISING && taskId.equals(synthesisTaskId) && agentId.equals(synthesiser.agentId())) {
            Answer a = new Answer(agentId, name, text, Position.key(text), now, now - current().closedAt(), false, false);
            return Step.of(with(a).finish(now, null));
        }
        for (int i = 0; i < rounds.size(); i++) {
            Round r = rounds.get(i);
            if (r.taskId().equals(taskId) && r.answerOf(agentId).isEmpty()) {
                String key = Position.key(text);
                boolean changed = previousAnswer(agentId, i).map(p -> !p.position().equals(key)).orElse(false);
                Answer a = new Answer(agentId, name, text, key, now, now - r.startedAt(), changed, !r.isOpen());
                Debate d = withRound(i, r.with(a));
                return state == State.RUNNING && d.current().isOpen() && d.current().complete()
                        ? d.close(now, "all answered", room) : Step.of(d);
            }
        }
        return Step.of(this);
    }

    /** The clock: closes a round (or gives up on the synthesiser) at its deadline. */
    public Step tick(long now, Room room) {
        if (state == State.RUNNING && now >= current().deadline()) {
            return close(now, "timeout", room);
        }
        if (state == State.SYNTHESISING && synthesisDeadline != null && now >= synthesisDeadline) {
            return Step.of(moderate("synthesiser " + synthesiser.name() + " did not answer within "
                    + spec.roundTimeoutSeconds() + " s"));
        }
        return Step.of(this);
    }

    /** The lead closes the current round now (or stops waiting for the synthesiser, then for the moderator). */
    public Step next(long now, Room room) {
        return switch (state) {
            case RUNNING -> close(now, "lead", room);
            case SYNTHESISING -> Step.of(awaitsModerator()
                    ? finish(now, "synthesis unavailable: the lead closed the session before the moderator answered")
                    : moderate("the lead moved on before " + synthesiser.name() + " answered"));
            case DONE, STOPPED -> throw new IllegalStateException("session " + id + " is " + state.name().toLowerCase());
        };
    }

    /** The lead ends the session: the open round closes, the verdict is taken from the answers so far. */
    public Debate stop(long now) {
        if (finished()) {
            throw new IllegalStateException("session " + id + " is " + state.name().toLowerCase());
        }
        Debate d = current().isOpen() ? withRound(rounds.size() - 1, current().closed(now, "stopped")) : this;
        Debate done = d.finish(now, synthesis == null ? "stopped by the lead" : null);
        return done.withState(State.STOPPED);
    }

    /** Each agent's latest answer over all rounds, in order of first appearance. */
    public List<Answer> latestAnswers() {
        Map<String, Answer> latest = new LinkedHashMap<>();
        for (Round r : rounds) {
            r.answers().forEach(a -> latest.put(a.agentId(), a));
        }
        return List.copyOf(latest.values());
    }

    private Step close(long now, String by, Room room) {
        Debate d = withRound(rounds.size() - 1, current().closed(now, by));
        if (current().number() < spec.rounds()) {
            Round next = Round.open(current().number() + 1, room.nextTaskId(),
                    Digest.later(spec.task(), current().number() + 1, spec.rounds(), d.latestAnswers()), now,
                    timeoutMs(spec), room.present());
            List<Round> all = new ArrayList<>(d.rounds);
            all.add(next);
            return new Step(d.withRounds(all), Optional.of(new Broadcast(next.taskId(), next.prompt(), spec.reactions(), null)));
        }
        if (spec.synthesiser() == null) {
            return Step.of(d.moderate(null));
        }
        Optional<Participant> who = room.find(spec.synthesiser());
        if (who.isEmpty()) {
            return Step.of(d.moderate("synthesiser " + spec.synthesiser() + " not connected"));
        }
        Debate s = new Debate(id, spec, State.SYNTHESISING, createdAt, d.rounds, who.get(), room.nextTaskId(),
                now + timeoutMs(spec), null, null, null, null);
        return new Step(s, Optional.of(new Broadcast(room.nextTaskId(),
                Digest.synthesis(spec.task(), spec.rounds(), d.latestAnswers()), false, who.get().agentId())));
    }

    /** Waiting for the moderator, which has no deadline here: the shell's call to the gateway has its own. */
    private Debate moderate(String why) {
        return new Debate(id, spec, State.SYNTHESISING, createdAt, rounds, MODERATOR, null, null, null, why, null, null);
    }

    /** The verdict the answers so far give (what {@link #finish} records). */
    public Verdict tally() {
        List<String> changed = new ArrayList<>();
        for (Round r : rounds) {
            r.answers().stream().filter(Answer::changed).map(Answer::name).filter(n -> !changed.contains(n))
                    .forEach(changed::add);
        }
        return Verdict.of(latestAnswers(), changed);
    }

    private Debate finish(long now, String note) {
        return new Debate(id, spec, State.DONE, createdAt, rounds, synthesiser, synthesisTaskId, synthesisDeadline,
                synthesis, note, tally(), now);
    }

    private Optional<Answer> previousAnswer(String agentId, int beforeRound) {
        for (int i = beforeRound - 1; i >= 0; i--) {
            Optional<Answer> a = rounds.get(i).answerOf(agentId);
            if (a.isPresent()) {
                return a;
            }
        }
        return Optional.empty();
    }

    private static long timeoutMs(SessionSpec spec) {
        return spec.roundTimeoutSeconds() * 1000L;
    }

    Debate withRound(int i, Round r) {
        List<Round> all = new ArrayList<>(rounds);
        all.set(i, r);
        return withRounds(all);
    }

    Debate withRounds(List<Round> all) {
        return new Debate(id, spec, state, createdAt, all, synthesiser, synthesisTaskId, synthesisDeadline, synthesis,
                synthesisNote, verdict, endedAt);
    }

    private Debate with(Answer synth) {
        return new Debate(id, spec, state, createdAt, rounds, synthesiser, synthesisTaskId, synthesisDeadline, synth,
                synthesisNote, verdict, endedAt);
    }

    private Debate withState(State s) {
        return new Debate(id, spec, s, createdAt, rounds, synthesiser, synthesisTaskId, synthesisDeadline, synthesis,
                synthesisNote, verdict, endedAt);
    }
}
