package dev.mowai.arena.session;

/**
 * The chat the arena sends the gateway for a session's conclusion: the moderator persona as the system
 * message, the task with the arena's count and a fair sample of the final answers as the user message
 * (at most {@link Digest#MAX_PROMPT} characters however large the room; see {@link Digest}).
 */
public record ModeratorPrompt(String system, String user) {

    /** The longest persona accepted as the system message (the shipped one is under 1 500 characters). */
    public static final int MAX_SYSTEM = 4000;

    public static ModeratorPrompt of(String persona, Debate d) {
        if (persona.isBlank() || persona.length() > MAX_SYSTEM) {
            throw new IllegalArgumentException("the moderator persona must have 1–" + MAX_SYSTEM + " characters (got "
                    + persona.length() + ")");
        }
        return new ModeratorPrompt(persona, Digest.moderation(d.spec().task(), d.spec().rounds(), d.latestAnswers(), d.tally()));
    }
}
