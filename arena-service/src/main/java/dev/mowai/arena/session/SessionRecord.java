package dev.mowai.arena.session;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One change of a session as the arena's transcript records it. A session's records, applied in order,
 * rebuild it exactly: {@link Snapshot} (its start, and its whole state where a rotation compacts the
 * transcript), then small deltas — an answer, a round closed or opened, the synthesis state and the
 * verdict — so that an answer costs one short line, not a copy of the session. Pure.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "record")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SessionRecord.Snapshot.class, name = "snapshot"),
    @JsonSubTypes.Type(value = SessionRecord.RoundOpened.class, name = "round-opened"),
    @JsonSubTypes.Type(value = SessionRecord.Answered.class, name = "answered"),
    @JsonSubTypes.Type(value = SessionRecord.RoundClosed.class, name = "round-closed"),
    @JsonSubTypes.Type(value = SessionRecord.Settled.class, name = "settled")})
public sealed interface SessionRecord {

    String sessionId();

    /** The session after this record; {@code before} is null only for a {@link Snapshot}. */
    Debate applyTo(Debate before);

    /** The whole session. */
    record Snapshot(Debate session) implements SessionRecord {
        public String sessionId() {
            return session.id();
        }

        public Debate applyTo(Debate before) {
            return session;
        }
    }

    /** A round that opened (with no answers yet). */
    record RoundOpened(String sessionId, Round round) implements SessionRecord {
        public Debate applyTo(Debate before) {
            if (round.number() != before.rounds().size() + 1) {
                throw new IllegalArgumentException("round " + round.number() + " opened after " + before.rounds().size());
            }
            List<Round> all = new ArrayList<>(before.rounds());
            all.add(round);
            return before.withRounds(all);
        }
    }

    /** An answer to round {@code round} (1-based). */
    record Answered(String sessionId, int round, Answer answer) implements SessionRecord {
        public Debate applyTo(Debate before) {
            return before.withRound(round - 1, before.rounds().get(round - 1).with(answer));
        }
    }

    record RoundClosed(String sessionId, int round, long closedAt, String closedBy, List<String> silent)
            implements SessionRecord {
        public Debate applyTo(Debate before) {
            Round r = before.rounds().get(round - 1);
            return before.withRound(round - 1, new Round(r.number(), r.taskId(), r.prompt(), r.startedAt(), r.deadline(),
                    r.present(), r.answers(), closedAt, closedBy, silent));
        }
    }

    /** Everything but the rounds, as it now is: the synthesis asked for or written, the verdict, the end. */
    record Settled(String sessionId, Debate.State state, Participant synthesiser, String synthesisTaskId,
            Long synthesisDeadline, Answer synthesis, String synthesisNote, Verdict verdict, Long endedAt)
            implements SessionRecord {
        public Debate applyTo(Debate before) {
            return new Debate(before.id(), before.spec(), state, before.createdAt(), before.rounds(), synthesiser,
                    synthesisTaskId, synthesisDeadline, synthesis, synthesisNote, verdict, endedAt);
        }
    }

    /**
     * The records that take {@code before} (null: a new session) to {@code after}. Should a change ever be
     * of a kind the deltas do not cover, the answer is a {@link Snapshot}: checked by replaying them.
     */
    static List<SessionRecord> between(Debate before, Debate after) {
        if (before == null) {
            return List.of(new Snapshot(after));
        }
        String id = after.id();
        List<SessionRecord> out = new ArrayList<>();
        for (int i = 0; i < after.rounds().size(); i++) {
            Round now = after.rounds().get(i);
            if (i >= before.rounds().size()) {
                out.add(new RoundOpened(id, new Round(now.number(), now.taskId(), now.prompt(), now.startedAt(),
                        now.deadline(), now.present(), List.of(), null, null, List.of())));
                now.answers().forEach(a -> out.add(new Answered(id, now.number(), a)));
                if (!now.isOpen()) {
                    out.add(new RoundClosed(id, now.number(), now.closedAt(), now.closedBy(), now.silent()));
                }
                continue;
            }
            Round was = before.rounds().get(i);
            for (int a = was.answers().size(); a < now.answers().size(); a++) {
                out.add(new Answered(id, now.number(), now.answers().get(a)));
            }
            if (was.isOpen() && !now.isOpen()) {
                out.add(new RoundClosed(id, now.number(), now.closedAt(), now.closedBy(), now.silent()));
            }
        }
        if (before.state() != after.state() || !Objects.equals(before.synthesiser(), after.synthesiser())
                || !Objects.equals(before.synthesisTaskId(), after.synthesisTaskId())
                || !Objects.equals(before.synthesisDeadline(), after.synthesisDeadline())
                || !Objects.equals(before.synthesis(), after.synthesis())
                || !Objects.equals(before.synthesisNote(), after.synthesisNote())
                || !Objects.equals(before.verdict(), after.verdict()) || !Objects.equals(before.endedAt(), after.endedAt())) {
            out.add(new Settled(id, after.state(), after.synthesiser(), after.synthesisTaskId(), after.synthesisDeadline(),
                    after.synthesis(), after.synthesisNote(), after.verdict(), after.endedAt()));
        }
        return replay(before, out).equals(after) ? out : List.of(new Snapshot(after));
    }

    private static Debate replay(Debate from, List<SessionRecord> records) {
        Debate d = from;
        for (SessionRecord r : records) {
            d = r.applyTo(d);
        }
        return d;
    }
}
