package dev.mowai.arena.session;

/**
 * One agent's answer to one round (or the synthesis).
 *
 * @param afterMs  time from the round's start to the answer
 * @param changed  its position key differs from the agent's previous answer's ({@link Position})
 * @param late     it came after the round had closed: shown, but the round did not wait for it
 */
public record Answer(String agentId, String name, String text, String position, long at, long afterMs,
        boolean changed, boolean late) {
}
