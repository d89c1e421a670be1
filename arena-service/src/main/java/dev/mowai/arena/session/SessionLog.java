package dev.mowai.arena.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sessions a transcript holds, folded record by record ({@link SessionRecord}), in the order they
 * started. {@link #compact} is what a rotation carries into the new file: every running session and the
 * newest {@code keepFinished} finished ones, one snapshot each; older finished sessions stay in the rotated
 * files only. Pure; not thread-safe (the transcript serialises its calls).
 */
public final class SessionLog {

    private final int keepFinished;
    private final Map<String, Debate> sessions = new LinkedHashMap<>();

    public SessionLog(int keepFinished) {
        if (keepFinished < 0) {
            throw new IllegalArgumentException("mowai.transcript.keep-sessions must not be negative: " + keepFinished);
        }
        this.keepFinished = keepFinished;
    }

    /** Applies a record; false (and nothing changes) when it does not fit the session it names. */
    public boolean apply(SessionRecord record) {
        Debate before = sessions.get(record.sessionId());
        if (before == null && !(record instanceof SessionRecord.Snapshot)) {
            return false;
        }
        try {
            sessions.put(record.sessionId(), record.applyTo(before));
            return true;
        } catch (RuntimeException doesNotFit) {
            // A round that does not exist, a round opened out of turn: a damaged or foreign line.
            return false;
        }
    }

    public List<Debate> sessions() {
        return List.copyOf(sessions.values());
    }

    /**
     * Forgets the finished sessions beyond the newest {@code keepFinished} and returns one snapshot per
     * session left, in the order they started: the sessions of a rotation's new file.
     */
    public List<SessionRecord> compact() {
        long drop = Math.max(0, sessions.values().stream().filter(Debate::finished).count() - keepFinished);
        List<SessionRecord> out = new ArrayList<>();
        for (Debate d : new ArrayList<>(sessions.values())) {
            if (d.finished() && drop > 0) {
                drop--;
                sessions.remove(d.id());
            } else {
                out.add(new SessionRecord.Snapshot(d));
            }
        }
        return out;
    }
}
