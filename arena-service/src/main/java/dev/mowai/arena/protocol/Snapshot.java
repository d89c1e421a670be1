package dev.mowai.arena.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The first frame of the spectator feed: {@code ARENA_SNAPSHOT} with the roster, recent tasks and
 * recent thoughts, then where the event stream resumes. Stored events are embedded verbatim.
 */
public final class Snapshot {

    public static final String TYPE = "ARENA_SNAPSHOT";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Snapshot() {
    }

    /**
     * @param latestSeq  arenaSeq of the newest event at the time of the snapshot
     * @param resumeFrom arenaSeq of the first event that follows this frame
     * @param gap        true when the requested {@code since} is older than what the arena keeps
     */
    public static String build(List<RosterEntry> agents, List<ArenaEvent> tasks, List<ArenaEvent> thoughts,
            long latestSeq, long resumeFrom, boolean gap, long now) {
        try {
            StringBuilder b = new StringBuilder(1024);
            b.append("{\"type\":\"").append(TYPE).append("\",\"arenaSeq\":").append(latestSeq)
                    .append(",\"ts\":").append(now)
                    .append(",\"payload\":{\"agents\":").append(JSON.writeValueAsString(agents))
                    .append(",\"tasks\":");
            appendEvents(b, tasks);
            b.append(",\"thoughts\":");
            appendEvents(b, thoughts);
            b.append(",\"latestSeq\":").append(latestSeq)
                    .append(",\"resumeFrom\":").append(resumeFrom)
                    .append(",\"gap\":").append(gap)
                    .append("}}");
            return b.toString();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void appendEvents(StringBuilder b, List<ArenaEvent> events) {
        b.append('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(events.get(i).json());
        }
        b.append(']');
    }
}
