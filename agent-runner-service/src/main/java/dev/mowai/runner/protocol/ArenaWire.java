package dev.mowai.runner.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mowai.runner.core.Truncation;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The arena protocol as a client speaks it: the seed's envelope {@code {type, agentId, slot, seq, ts,
 * payload}}. Builds frames that the arena accepts (field lengths, 8 KB frames) and reads its frames.
 * Pure: the caller passes seq and time.
 */
public final class ArenaWire {

    public static final int NAME_MAX = 64;
    public static final int COLOR_MAX = 32;
    public static final int PERSONA_MAX = 64;
    public static final int VERSION_MAX = 32;
    public static final int THOUGHT_MAX = 1024;
    public static final int RESPONSE_MAX = 2048;
    /** The longest task the arena accepts; a trial's task is held to it too. */
    public static final int TASK_MAX = 512;
    /** The arena refuses frames larger than this many UTF-8 bytes. */
    public static final int FRAME_MAX_BYTES = 8 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID_V4 =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$");

    private ArenaWire() {
    }

    public static boolean isUuidV4(String s) {
        return s != null && UUID_V4.matcher(s).matches();
    }

    /** AGENT_CONNECT; with a key, {@code payload.credential} proves the agent id to the arena ({@link #credential}). */
    public static String connect(String agentId, long seq, long ts, String name, String color, String persona,
                                 String version, Optional<ServiceKey> agentKey) {
        ObjectNode payload = JSON.createObjectNode()
                .put("name", Truncation.fit(name.isBlank() ? "agent" : name, NAME_MAX))
                .put("color", Truncation.fit(color, COLOR_MAX))
                .put("persona", Truncation.fit(persona, PERSONA_MAX))
                .put("version", Truncation.fit(version, VERSION_MAX));
        agentKey.ifPresent(key -> payload.put("credential", credential(key, agentId, ts)));
        return write(envelope("AGENT_CONNECT", agentId, seq, ts, payload));
    }

    /** What the arena recomputes: the signature of {@code mowai-arena-connect|<agentId>|<ts>} (the frame's ts). */
    static String credential(ServiceKey key, String agentId, long ts) {
        return key.sign("mowai-arena-connect|" + agentId + "|" + ts);
    }

    public static String disconnect(String agentId, long seq, long ts) {
        return write(envelope("AGENT_DISCONNECT", agentId, seq, ts, JSON.createObjectNode()));
    }

    public static String pong(String agentId, long seq, long ts) {
        return write(envelope("PONG", agentId, seq, ts, JSON.createObjectNode()));
    }

    /** A thought; content longer than the arena allows, or a frame over 8 KB, is truncated and marked. */
    public static String thought(String agentId, long seq, long ts, String taskId, int step, String content) {
        return fitted(Truncation.fit(content, THOUGHT_MAX), c -> {
            ObjectNode payload = JSON.createObjectNode().put("content", c).put("step", step).put("taskId", taskId);
            return write(envelope("AGENT_THOUGHT", agentId, seq, ts, payload));
        });
    }

    public static String response(String agentId, long seq, long ts, String taskId, String content, long durationMs) {
        return fitted(Truncation.fit(content, RESPONSE_MAX), c -> {
            ObjectNode payload = JSON.createObjectNode()
                    .put("content", c).put("taskId", taskId).put("durationMs", Math.max(0, durationMs));
            return write(envelope("AGENT_RESPONSE", agentId, seq, ts, payload));
        });
    }

    public static ArenaInbound read(String frame) {
        JsonNode root;
        try {
            root = JSON.readTree(frame);
        } catch (JsonProcessingException e) {
            return new ArenaInbound.Malformed("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("type").isTextual()) {
            return new ArenaInbound.Malformed("not an envelope with a type");
        }
        String type = root.get("type").textValue();
        JsonNode p = root.path("payload");
        return switch (type) {
            case "ARENA_ACK" -> new ArenaInbound.Ack(p.path("slot").asInt(root.path("slot").asInt()),
                    p.path("connectedPeers").asInt(), p.path("arenaVersion").asText(""), root.path("ts").asLong(0));
            case "GLOBAL_TASK" -> {
                String taskId = p.path("taskId").asText(null);
                String description = p.path("description").isTextual() ? p.get("description").textValue()
                        : p.path("content").asText(null);
                yield taskId == null || description == null
                        ? new ArenaInbound.Malformed("GLOBAL_TASK without taskId or description")
                        : new ArenaInbound.Task(taskId, description, root.path("ts").asLong(0),
                                p.path("reactions").asBoolean(true));
            }
            case "PEER_THOUGHT" -> {
                String source = p.path("sourceAgentId").asText(null);
                String taskId = p.path("taskId").asText(null);
                String content = p.path("content").isTextual() ? p.get("content").textValue() : null;
                yield source == null || taskId == null || content == null || !p.path("step").canConvertToInt()
                        ? new ArenaInbound.Malformed("PEER_THOUGHT without sourceAgentId, taskId, step or content")
                        : new ArenaInbound.PeerThought(source, taskId, p.path("step").asInt(), content);
            }
            case "PING" -> new ArenaInbound.Ping();
            case "ARENA_ERROR" -> new ArenaInbound.Error(p.path("reason").asText("(no reason given)"));
            default -> new ArenaInbound.Ignored(type);
        };
    }

    public static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Shrinks {@code content} until the frame fits in 8 KB (escaped control characters can make it grow 6×). */
    private static String fitted(String content, java.util.function.Function<String, String> frame) {
        String out = frame.apply(content);
        if (utf8Length(out) <= FRAME_MAX_BYTES) {
            return out;
        }
        // Binary search for the longest marked prefix whose frame fits.
        int lo = 0;
        int hi = content.length();
        String best = frame.apply(Truncation.fit(content, 0));
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            String candidate = frame.apply(Truncation.fit(content, mid));
            if (utf8Length(candidate) <= FRAME_MAX_BYTES) {
                lo = mid;
                best = candidate;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }

    private static ObjectNode envelope(String type, String agentId, long seq, long ts, ObjectNode payload) {
        ObjectNode env = JSON.createObjectNode()
                .put("type", type)
                .put("agentId", agentId)
                .put("slot", 0)
                .put("seq", seq)
                .put("ts", ts);
        env.set("payload", payload);
        return env;
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
