package dev.mowai.gateway.fake;

/**
 * How fast a paced {@link FakeOllama} answers, modelled on a real Ollama server: {@code slots} requests
 * are served at once (Ollama's OLLAMA_NUM_PARALLEL), each first reads its prompt at
 * {@code prefillTokensPerSecond} and then generates at {@code tokensPerSecond}; requests beyond the slots
 * wait in arrival order ({@link Slots}). A reply is {@code replyTokens} tokens (fewer when the request's
 * num_predict says so). Plain arithmetic on nanoseconds, so that it is checked against a virtual clock.
 */
public record Pace(int slots, double prefillTokensPerSecond, double tokensPerSecond, int replyTokens) {

    /** A 3.8 B model such as Phi-3.5 on a workstation GPU, as Ollama serves it by default. */
    public static final Pace DEFAULT = new Pace(4, 500, 40, 60);

    public Pace {
        if (slots < 1) throw new IllegalArgumentException("slots: must be at least 1 (got " + slots + ")");
        if (!(prefillTokensPerSecond > 0)) {
            throw new IllegalArgumentException("prefill tokens per second: must be above 0 (got " + prefillTokensPerSecond + ")");
        }
        if (!(tokensPerSecond > 0)) throw new IllegalArgumentException("tokens per second: must be above 0 (got " + tokensPerSecond + ")");
        if (replyTokens < 1) throw new IllegalArgumentException("reply tokens: must be at least 1 (got " + replyTokens + ")");
    }

    /**
     * Tokens in a prompt, by the usual rule of thumb for English and a BPE vocabulary (about 4 characters a
     * token); the fake has no tokenizer, and only the reading time depends on it.
     */
    public static int promptTokens(int chars) {
        return (chars + 3) / 4;
    }

    /** The reply's length: {@link #replyTokens}, or the request's num_predict when that is smaller (0: none). */
    public int replyTokens(int numPredict) {
        return numPredict > 0 ? Math.min(numPredict, replyTokens) : replyTokens;
    }

    /** When a request that got its slot at {@code startNanos} sends each token and ends. */
    public Plan plan(long startNanos, int promptTokens, int tokens) {
        long prefill = Math.round(promptTokens * 1e9 / prefillTokensPerSecond);
        return new Plan(startNanos + prefill, Math.round(1e9 / tokensPerSecond), tokens);
    }

    /**
     * @param prefilledAt when the prompt has been read (the first token follows one token time later)
     * @param tokenNanos  the time to generate one token
     */
    public record Plan(long prefilledAt, long tokenNanos, int tokens) {

        /** When token {@code i} (0-based) is ready. */
        public long tokenAt(int i) {
            return prefilledAt + (i + 1) * tokenNanos;
        }

        /** When the last token is ready and the slot is free again. */
        public long endsAt() {
            return tokenAt(tokens - 1);
        }
    }
}
