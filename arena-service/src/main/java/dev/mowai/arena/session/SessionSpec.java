package dev.mowai.arena.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mowai.arena.protocol.Limits;
import java.util.Iterator;
import java.util.Set;

/**
 * What the lead asks for in {@code POST /sessions}.
 *
 * @param reactions   false: the rounds' GLOBAL_TASKs carry {@code "reactions": false}, and runners do not
 *                    call on-peer-thought for their thoughts (default true, the seed's behaviour)
 * @param synthesiser agentId, persona or name of the agent that writes the conclusion; null: none
 */
public record SessionSpec(String task, int rounds, boolean reactions, String synthesiser, int roundTimeoutSeconds) {

    public static final int MAX_ROUNDS = 5;
    public static final int MIN_TIMEOUT_S = 10;
    public static final int MAX_TIMEOUT_S = 600;
    public static final int DEFAULT_ROUNDS = 3;
    public static final int DEFAULT_TIMEOUT_S = 120;
    private static final Set<String> FIELDS = Set.of("task", "rounds", "reactions", "synthesiser", "roundTimeoutSeconds");

    /** The spec, or the first problem with the body, naming the field and the limit. */
    public sealed interface Parsed {
        record Ok(SessionSpec spec) implements Parsed {
        }

        record Problem(String error) implements Parsed {
        }
    }

    public static Parsed parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            return problem("body: expected a JSON object {\"task\": \"…\", \"rounds\": 1–" + MAX_ROUNDS + ", …}");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                return problem(f + ": unknown field (expected task, rounds, reactions, synthesiser, roundTimeoutSeconds)");
            }
        }
        JsonNode task = body.get("task");
        if (task == null || !task.isTextual()) {
            return problem("task: missing or not a string");
        }
        if (task.textValue().isBlank()) {
            return problem("task: must not be blank");
        }
        if (task.textValue().length() > Limits.TASK_DESCRIPTION) {
            return problem("task: " + task.textValue().length() + " characters exceeds the limit of " + Limits.TASK_DESCRIPTION);
        }
        JsonNode rounds = body.get("rounds");
        if (rounds != null && (!rounds.isIntegralNumber() || rounds.asLong() < 1 || rounds.asLong() > MAX_ROUNDS)) {
            return problem("rounds: must be an integer from 1 to " + MAX_ROUNDS);
        }
        JsonNode reactions = body.get("reactions");
        if (reactions != null && !reactions.isBoolean()) {
            return problem("reactions: must be true or false");
        }
        JsonNode synth = body.get("synthesiser");
        if (synth != null && !synth.isNull() && (!synth.isTextual() || synth.textValue().isBlank())) {
            return problem("synthesiser: must be an agentId, persona or name (a non-blank string) or null");
        }
        if (synth != null && synth.isTextual() && synth.textValue().length() > Limits.NAME) {
            return problem("synthesiser: " + synth.textValue().length() + " characters exceeds the limit of " + Limits.NAME);
        }
        JsonNode timeout = body.get("roundTimeoutSeconds");
        if (timeout != null && (!timeout.isIntegralNumber() || timeout.asLong() < MIN_TIMEOUT_S
                || timeout.asLong() > MAX_TIMEOUT_S)) {
            return problem("roundTimeoutSeconds: must be an integer from " + MIN_TIMEOUT_S + " to " + MAX_TIMEOUT_S);
        }
        return new Parsed.Ok(new SessionSpec(task.textValue(), rounds == null ? DEFAULT_ROUNDS : rounds.intValue(),
                reactions == null || reactions.booleanValue(),
                synth == null || synth.isNull() ? null : synth.textValue().trim(),
                timeout == null ? DEFAULT_TIMEOUT_S : timeout.intValue()));
    }

    private static Parsed problem(String error) {
        return new Parsed.Problem(error);
    }
}
