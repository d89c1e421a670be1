package dev.mowai.gateway.core;

import dev.mowai.gateway.protocol.InvalidRequestException;
import java.util.regex.Pattern;

/**
 * The queue a request joins: the agent {@code X-Mowai-Agent} names when {@code X-Mowai-Agent-Signature} proves it
 * (see {@link CallerSignature}), else the one unsigned queue. Anyone can write the header; only the runners hold
 * the key, so a made-up or borrowed id buys no queue of its own. Pure: the caller passes the clock.
 */
public final class CallerIdentification {

    public static final String AGENT_HEADER = "X-Mowai-Agent";
    /** Callers that prove no agent share one queue: they cannot out-queue agents that identify themselves. */
    public static final String ANONYMOUS_AGENT = "anonymous";
    private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9._:@-]+");

    private final CallerSignature signatures;
    private final int maxAgentIdChars;

    public CallerIdentification(CallerSignature signatures, int maxAgentIdChars) {
        this.signatures = signatures;
        this.maxAgentIdChars = maxAgentIdChars;
    }

    /**
     * The agent whose queue the request joins, or {@link #ANONYMOUS_AGENT}.
     *
     * @throws InvalidRequestException the agent header is malformed (400)
     * @throws CallerRefusedException  a signature was given and does not hold (401)
     */
    public String queueOf(String agentHeader, String signatureHeader, long nowMs) {
        String agent = agentId(agentHeader);
        String named = agent.equals(ANONYMOUS_AGENT) ? null : agent;
        return switch (signatures.check(named, signatureHeader, nowMs)) {
            case CallerSignature.Verdict.Signed signed -> signed.agentId();
            case CallerSignature.Verdict.Unsigned unsigned -> ANONYMOUS_AGENT;
            case CallerSignature.Verdict.Refused refused -> throw new CallerRefusedException(refused.problem());
        };
    }

    /** The agent id the header names (validated), or {@link #ANONYMOUS_AGENT} without one. */
    String agentId(String header) {
        if (header == null || header.isBlank()) return ANONYMOUS_AGENT;
        String id = header.strip();
        if (id.length() > maxAgentIdChars) {
            throw new InvalidRequestException(AGENT_HEADER, "at most " + maxAgentIdChars + " characters (got " + id.length() + ")");
        }
        if (!AGENT_ID.matcher(id).matches()) {
            throw new InvalidRequestException(AGENT_HEADER, "only letters, digits and . _ : @ - are allowed");
        }
        return id;
    }
}
