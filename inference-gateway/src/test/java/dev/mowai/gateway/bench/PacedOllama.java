package dev.mowai.gateway.bench;

import dev.mowai.gateway.fake.FakeOllama;
import dev.mowai.gateway.fake.Pace;
import java.util.concurrent.CountDownLatch;

/**
 * The fake Ollama at a realistic pace, as a process of its own for benchmarks of the whole swarm
 * ({@code ./mowai bench session} points the gateway at it): the real Ollama HTTP API on a loopback port,
 * {@link Pace}'s slots, prefill and tokens per second, and {@code GET /_fake/stats} for the calls it
 * served. Runs until killed.
 * <pre>
 *   java -cp ... dev.mowai.gateway.bench.PacedOllama --port 11434 [--slots 4] [--tps 40] [--prefill-tps 500] [--reply-tokens 60]
 * </pre>
 */
public final class PacedOllama {

    private PacedOllama() {
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        Pace d = Pace.DEFAULT;
        int slots = d.slots();
        double tps = d.tokensPerSecond();
        double prefill = d.prefillTokensPerSecond();
        int reply = d.replyTokens();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) throw new IllegalArgumentException(args[i] + ": needs a value");
            try {
                switch (args[i++]) {
                    case "--port" -> port = Integer.parseInt(value);
                    case "--slots" -> slots = Integer.parseInt(value);
                    case "--tps" -> tps = Double.parseDouble(value);
                    case "--prefill-tps" -> prefill = Double.parseDouble(value);
                    case "--reply-tokens" -> reply = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException(args[i - 1]
                            + ": unknown option (expected --port, --slots, --tps, --prefill-tps, --reply-tokens)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(args[i - 1] + ": not a number: " + value);
            }
        }
        Pace pace = new Pace(slots, prefill, tps, reply);
        FakeOllama fake = new FakeOllama(port);
        fake.pace(pace);
        System.out.printf("fake Ollama on %s: %d slots, prefill %.0f tokens/s, %.0f tokens/s per slot, %d-token replies%n",
                fake.baseUrl(), pace.slots(), pace.prefillTokensPerSecond(), pace.tokensPerSecond(), pace.replyTokens());
        Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
        new CountDownLatch(1).await();
    }
}
