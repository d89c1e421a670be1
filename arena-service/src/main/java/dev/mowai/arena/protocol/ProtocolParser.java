package dev.mowai.arena.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses and validates one agent frame. Pure: no state, no clock. */
public final class ProtocolParser {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern UUID_V4 =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$");

    private ProtocolParser() {
    }

    public static boolean isUuidV4(String s) {
        return s != null && UUID_V4.matcher(s).matches();
    }

    /** UTF-8 size of a string without encoding it (unpaired surrogates count as the 3-byte '?'-free form). */
    public static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    public static Parsed parse(String frame) {
        int size = utf8Length(frame);
        if (size > Limits.FRAME_BYTES) {
            return new Parsed.Rejected("frame of " + size + " bytes exceeds the " + Limits.FRAME_BYTES + "-byte limit");
        }
        JsonNode root;
        try {
            root = JSON.readTree(frame);
        } catch (JacksonException e) {
            return new Parsed.Rejected("malformed JSON: " + firstLine(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            return new Parsed.Rejected("message must be a JSON object");
        }
        JsonNode typeNode = root.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            return new Parsed.Rejected("type: missing or not a string");
        }
        MessageType type = MessageType.byName(typeNode.textValue()).orElse(null);
        if (type == null) {
            return new Parsed.Rejected("type: unknown message type '" + clip(typeNode.textValue()) + "'");
        }
        if (!type.fromAgent()) {
            return new Parsed.Rejected("type: " + type + " is sent by the arena only", type);
        }
        if (type == MessageType.PING) {
            return new Parsed.Ok(new Inbound.Ping());
        }
        if (type == MessageType.PONG) {
            return new Parsed.Ok(new Inbound.Pong());
        }
        try {
            return new Parsed.Ok(identified(type, root));
        } catch (Invalid e) {
            return new Parsed.Rejected(type + ": " + e.getMessage(), type);
        }
    }

    private static Inbound identified(MessageType type, JsonNode root) throws Invalid {
        String agentId = text(root, "agentId", 36);
        if (!isUuidV4(agentId)) {
            throw new Invalid("agentId: must be a UUID v4");
        }
        long seq = nonNegativeInteger(root, "seq");
        double ts = number(root, "ts");
        JsonNode payload = root.get("payload");
        switch (type) {
            case AGENT_CONNECT -> {
                JsonNode p = object(payload);
                String name = text(p, "payload.name", Limits.NAME);
                if (name.isBlank()) {
                    throw new Invalid("payload.name: must not be blank");
                }
                return new Inbound.Connect(agentId, seq, ts, new AgentProfile(name,
                        text(p, "payload.color", Limits.COLOR),
                        text(p, "payload.persona", Limits.PERSONA),
                        text(p, "payload.version", Limits.VERSION)),
                        p.has("credential") ? Optional.of(text(p, "payload.credential", Limits.CREDENTIAL)) : Optional.empty());
            }
            case AGENT_THOUGHT -> {
                JsonNode p = object(payload);
                String content = text(p, "payload.content", Limits.THOUGHT);
                long step = nonNegativeInteger(p, "payload.step");
                if (step < 1) {
                    throw new Invalid("payload.step: must be an integer >= 1");
                }
                return new Inbound.Thought(agentId, seq, ts, taskId(p), step, content);
            }
            case AGENT_RESPONSE -> {
                JsonNode p = object(payload);
                String content = text(p, "payload.content", Limits.RESPONSE);
                double durationMs = number(p, "payload.durationMs");
                if (durationMs < 0) {
                    throw new Invalid("payload.durationMs: must be >= 0");
                }
                return new Inbound.Response(agentId, seq, ts, taskId(p), content, durationMs);
            }
            case AGENT_DISCONNECT -> {
                return new Inbound.Disconnect(agentId, seq, ts);
            }
            default -> throw new IllegalStateException("not an identified type: " + type);
        }
    }

    private static String taskId(JsonNode p) throws Invalid {
        String taskId = text(p, "payload.taskId", 36);
        if (!isUuidV4(taskId)) {
            throw new Invalid("payload.taskId: must be a UUID v4");
        }
        return taskId;
    }

    private static JsonNode object(JsonNode payload) throws Invalid {
        if (payload == null || !payload.isObject()) {
            throw new Invalid("payload: missing or not an object");
        }
        return payload;
    }

    private static String text(JsonNode parent, String path, int max) throws Invalid {
        JsonNode n = parent.get(leaf(path));
        if (n == null || !n.isTextual()) {
            throw new Invalid(path + ": missing or not a string");
        }
        String s = n.textValue();
        if (s.length() > max) {
            throw new Invalid(path + ": " + s.length() + " characters exceeds the limit of " + max);
        }
        return s;
    }

    private static long nonNegativeInteger(JsonNode parent, String path) throws Invalid {
        JsonNode n = parent.get(leaf(path));
        boolean integral = n != null && n.isNumber()
                && (n.isIntegralNumber() || n.doubleValue() == Math.rint(n.doubleValue()));
        if (!integral || !n.canConvertToLong() || n.asLong() < 0) {
            throw new Invalid(path + ": must be a non-negative integer");
        }
        return n.asLong();
    }

    private static double number(JsonNode parent, String path) throws Invalid {
        JsonNode n = parent.get(leaf(path));
        if (n == null || !n.isNumber() || !Double.isFinite(n.doubleValue())) {
            throw new Invalid(path + ": missing or not a number");
        }
        return n.doubleValue();
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static String firstLine(String s) {
        String line = s == null ? "" : s.lines().findFirst().orElse("");
        return clip(line);
    }

    private static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    /** Internal control flow for the first validation failure. */
    private static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
