package dev.mowai.arena.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** Reads transcript lines back into events; a damaged line (e.g. cut by a crash) yields empty. */
public final class EventReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An event with the fields a restart needs. {@code name}/{@code slot} matter for joins. */
    public record StoredEvent(ArenaEvent event, int slot, String name) {
    }

    private EventReader() {
    }

    public static Optional<StoredEvent> read(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            if (n == null || !n.isObject() || !n.path("arenaSeq").canConvertToLong()
                    || !n.path("arenaSeq").isIntegralNumber()) {
                return Optional.empty();
            }
            Optional<MessageType> type = MessageType.byName(n.path("type").asText());
            if (type.isEmpty() || !n.path("agentId").isTextual()) {
                return Optional.empty();
            }
            ArenaEvent event = new ArenaEvent(n.get("arenaSeq").asLong(), type.get(), n.get("agentId").asText(), line);
            return Optional.of(new StoredEvent(event, n.path("slot").asInt(), n.path("payload").path("name").asText("")));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
