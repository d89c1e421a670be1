package dev.mowai.arena.transcript;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mowai.arena.session.SessionRecord;
import java.util.Optional;

/**
 * A {@link SessionRecord} as a transcript line: {@code {"type":"SESSION","record":"answered","sessionId":…}}.
 * The type is not a wire message type and the line has no arenaSeq: it is never relayed, and the fold of
 * the relay's events does not see it.
 */
final class SessionLines {

    static final String TYPE = "SESSION";
    /** How every session line starts (this class writes them), so events are not parsed twice. */
    private static final String PREFIX = "{\"type\":\"" + TYPE + "\"";
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SessionLines() {
    }

    static String line(SessionRecord record) {
        ObjectNode line = JSON.createObjectNode().put("type", TYPE);
        line.setAll((ObjectNode) JSON.valueToTree(record));
        return line.toString();
    }

    static boolean isSession(String line) {
        return line.startsWith(PREFIX);
    }

    /** Empty for a line that does not read back (cut by a crash, or from another version). */
    static Optional<SessionRecord> read(String line) {
        try {
            return Optional.of(JSON.readValue(line, SessionRecord.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
