package dev.mowai.gateway.bench;

import dev.mowai.gateway.contract.Contract;
import dev.mowai.gateway.fake.FakeOllama;
import dev.mowai.gateway.rest.GatewayClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Benchmark, not a test ({@code ./mowai bench gateway}). Against a fake Ollama that answers after a
 * fixed delay, it measures
 * <ol>
 *   <li>gateway-added latency: p50/p99 of calls through the gateway minus the same calls made
 *       straight to the fake, at 1, 16 and 128 concurrent callers (the gateway's slot cap is set
 *       above 128 here so that only its overhead shows, not queueing);</li>
 *   <li>fairness: agents with 1, 2, 4 … 32 concurrent callers compete for 4 slots for a fixed time;
 *       Jain's index over their throughputs, through the gateway and, as the baseline, through a
 *       plain FIFO semaphore of 4 in front of the fake.</li>
 *   <li>slot hand-over on cancel: with one slot, a one-shot caller hangs up while the fake is
 *       generating a reply of {@value #CANCEL_REPLY_MS} ms; the time from the hang-up to the next
 *       queued call arriving at the fake, against the baseline of letting the generation finish
 *       (what a gateway that cannot abort does).</li>
 * </ol>
 * Args: path to the gateway's quarkus-run.jar, then optionally "latency", "fairness" or "cancel" to run one part.
 */
public final class GatewayBench {

    private static final long BACKEND_DELAY_MS = 10;
    private static final String KEY = "bench-gateway-key-of-the-runner";
    private static final long CANCEL_REPLY_MS = 2000;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String OLLAMA_BODY = """
            {"model":"phi3.5","messages":[{"role":"user","content":"benchmark prompt"}],"stream":false,"options":{"num_predict":16}}""";
    private static final String OPENAI_BODY = """
            {"messages":[{"role":"user","content":"benchmark prompt"}],"max_tokens":16}""";

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "inference-gateway/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) throw new IllegalArgumentException("gateway jar not found: " + jar + " (build it first)");
        try (FakeOllama fake = FakeOllama.onFreePort()) {
            fake.delay(BACKEND_DELAY_MS);
            System.out.printf("fake Ollama on %s, %d ms per reply; %d CPUs%n", fake.baseUrl(), BACKEND_DELAY_MS,
                    Runtime.getRuntime().availableProcessors());
            String only = args.length > 1 ? args[1] : "";
            if (only.isEmpty() || only.equals("latency")) latency(jar, fake);
            if (only.isEmpty() || only.equals("fairness")) fairness(jar, fake);
            if (only.isEmpty() || only.equals("cancel")) cancel(jar, fake);
        }
    }

    private static void latency(Path jar, FakeOllama fake) throws Exception {
        try (Gateway gw = Gateway.start(jar, fake, 256)) {
            System.out.println();
            System.out.println("== gateway-added latency (ms) ==");
            System.out.println("callers  direct p50  direct p99  gateway p50  gateway p99  added p50  added p99");
            for (int callers : new int[] {1, 16, 128}) {
                int perCaller = Math.max(10, 1600 / callers);
                URI direct = URI.create(fake.baseUrl() + "/api/chat");
                URI viaGateway = URI.create(gw.url() + "/v1/chat/completions");
                run(callers, Math.max(5, 400 / callers), direct, OLLAMA_BODY, null); // warm-up (JIT)
                run(callers, Math.max(5, 400 / callers), viaGateway, OPENAI_BODY, "warm");
                long[] d = run(callers, perCaller, direct, OLLAMA_BODY, null);
                long[] g = run(callers, perCaller, viaGateway, OPENAI_BODY, "bench");
                double dp50 = pct(d, 50), dp99 = pct(d, 99), gp50 = pct(g, 50), gp99 = pct(g, 99);
                System.out.printf("%7d  %10.2f  %10.2f  %11.2f  %11.2f  %9.2f  %9.2f%n",
                        callers, dp50, dp99, gp50, gp99, gp50 - dp50, gp99 - dp99);
            }
        }
    }

    private static void fairness(Path jar, FakeOllama fake) throws Exception {
        int[] loops = {1, 2, 4, 8, 16, 32};
        Duration window = Duration.ofSeconds(8);
        System.out.println();
        System.out.println("== fairness: agents with " + Arrays.toString(loops) + " concurrent callers, 4 backend slots, "
                + window.toSeconds() + " s ==");
        URI direct = URI.create(fake.baseUrl() + "/api/chat");
        contend(loops, Duration.ofSeconds(2), direct, OLLAMA_BODY, new Semaphore(4, true)); // warm-up
        double[] fifo = contend(loops, window, direct, OLLAMA_BODY, new Semaphore(4, true));
        System.out.printf("FIFO semaphore (no gateway): requests/s per agent %s  total %.1f  Jain %.3f%n", fmt(fifo), sum(fifo), jain(fifo));
        try (Gateway gw = Gateway.start(jar, fake, 4)) {
            URI viaGateway = URI.create(gw.url() + "/v1/chat/completions");
            contend(loops, Duration.ofSeconds(3), viaGateway, OPENAI_BODY, null); // warm-up (JIT)
            double[] fair = contend(loops, window, viaGateway, OPENAI_BODY, null);
            System.out.printf("mowai gateway:               requests/s per agent %s  total %.1f  Jain %.3f%n", fmt(fair), sum(fair), jain(fair));
        }
    }

    private static void cancel(Path jar, FakeOllama fake) throws Exception {
        // "fake says: benchmark prompt" streams as 4 chunks; a token delay turns it into a generation of CANCEL_REPLY_MS.
        fake.delay(0);
        fake.tokenDelay(CANCEL_REPLY_MS / 4);
        int rounds = 10;
        try (Gateway gw = Gateway.start(jar, fake, 1)) {
            URI viaGateway = URI.create(gw.url() + "/v1/chat/completions");
            handover(fake, viaGateway, 2, true); // warm-up (JIT)
            long[] waited = handover(fake, viaGateway, rounds, false);
            long[] aborted = handover(fake, viaGateway, rounds, true);
            System.out.println();
            System.out.printf("== slot hand-over when a caller hangs up mid-generation (1 slot, %d ms replies, %d rounds) ==%n", CANCEL_REPLY_MS, rounds);
            System.out.printf("baseline, the reply runs to its end: p50 %8.2f ms  p99 %8.2f ms%n", pct(waited, 50), pct(waited, 99));
            System.out.printf("caller hangs up, call aborted:      p50 %8.2f ms  p99 %8.2f ms%n", pct(aborted, 50), pct(aborted, 99));
        } finally {
            fake.tokenDelay(0);
            fake.delay(BACKEND_DELAY_MS);
        }
    }

    /**
     * A one-shot call runs, a second one queues; at the mark the first caller hangs up (or, for the
     * baseline, does not). Returns the times from the mark until the second call reached the fake.
     */
    private static long[] handover(FakeOllama fake, URI viaGateway, int rounds, boolean hangUp) throws Exception {
        long[] out = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            int before = fake.chatRequests().size();
            var first = HTTP.sendAsync(post(viaGateway, "first"), HttpResponse.BodyHandlers.discarding());
            spinUntil(() -> fake.inFlight() == 1);
            var next = HTTP.sendAsync(post(viaGateway, "next"), HttpResponse.BodyHandlers.discarding());
            Thread.sleep(50); // the next call queues behind the first
            long mark = System.nanoTime();
            if (hangUp) first.cancel(true); // the JDK client closes the connection
            spinUntil(() -> fake.chatRequests().size() == before + 2);
            out[i] = System.nanoTime() - mark;
            next.join();
            if (!hangUp) first.join();
            spinUntil(() -> fake.inFlight() == 0);
        }
        return out;
    }

    private static HttpRequest post(URI uri, String agent) {
        return HttpRequest.newBuilder(uri).header(Contract.AGENT_HEADER, agent)
                .header(Contract.SIGNATURE_HEADER, GatewayClient.signature(KEY, agent, System.currentTimeMillis()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(OPENAI_BODY)).build();
    }

    private static void spinUntil(java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the scenario stalled");
            Thread.onSpinWait();
        }
    }

    /** Each agent runs loops[i] callers back to back for the window; returns completed requests/s per agent. */
    private static double[] contend(int[] loops, Duration window, URI uri, String body, Semaphore fifo) throws Exception {
        AtomicLongArray done = new AtomicLongArray(loops.length);
        Map<Integer, AtomicLong> failures = new java.util.concurrent.ConcurrentHashMap<>();
        long end = System.nanoTime() + window.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int a = 0; a < loops.length; a++) {
                int agent = a;
                for (int c = 0; c < loops[a]; c++) {
                    pool.submit(() -> {
                        while (System.nanoTime() < end) {
                            if (fifo != null) fifo.acquireUninterruptibly();
                            try {
                                int status = call(uri, body, "agent-" + agent);
                                if (status != 200) failures.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
                                else if (System.nanoTime() < end) done.incrementAndGet(agent);
                            } finally {
                                if (fifo != null) fifo.release();
                            }
                        }
                        return null;
                    });
                }
            }
        }
        if (!failures.isEmpty()) System.out.println("  failed requests by status: " + failures);
        double[] rates = new double[loops.length];
        for (int a = 0; a < loops.length; a++) rates[a] = done.get(a) / (double) window.toSeconds();
        return rates;
    }

    /** Runs callers × perCaller requests; returns the latencies in nanoseconds. */
    private static long[] run(int callers, int perCaller, URI uri, String body, String agentPrefix) throws Exception {
        long[] lat = new long[callers * perCaller];
        AtomicLong failures = new AtomicLong();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < callers; c++) {
                int caller = c;
                pool.submit(() -> {
                    for (int i = 0; i < perCaller; i++) {
                        long t0 = System.nanoTime();
                        int status = call(uri, body, agentPrefix == null ? null : agentPrefix + "-" + caller);
                        lat[caller * perCaller + i] = System.nanoTime() - t0;
                        if (status != 200) failures.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        if (failures.get() > 0) System.out.println("  (" + failures.get() + " failed requests at " + uri + ")");
        return lat;
    }

    private static int call(URI uri, String body, String agent) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (agent != null) {
            // signed like the runner's calls: only signed agents get a fair share of their own
            b.header(Contract.AGENT_HEADER, agent)
                    .header(Contract.SIGNATURE_HEADER, GatewayClient.signature(KEY, agent, System.currentTimeMillis()));
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static double jain(double[] x) {
        double sum = 0, sq = 0;
        for (double v : x) {
            sum += v;
            sq += v * v;
        }
        return sq == 0 ? 0 : sum * sum / (x.length * sq);
    }

    private static double sum(double[] x) {
        return Arrays.stream(x).sum();
    }

    private static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(i, s.length - 1))] / 1e6;
    }

    private static String fmt(double[] x) {
        List<String> parts = new ArrayList<>();
        for (double v : x) parts.add(String.format("%.1f", v));
        return parts.toString();
    }

    /** The real gateway as a separate process, as it runs in production. */
    private record Gateway(Process process, int port) implements AutoCloseable {

        static Gateway start(Path jar, FakeOllama fake, int maxConcurrent) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Map<String, String> env = pb.environment();
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("MOWAI_LLM_BACKEND", "ollama");
            env.put("QUARKUS_LANGCHAIN4J_OLLAMA_BASE_URL", fake.baseUrl());
            env.put("MOWAI_SCHEDULER_MAX_CONCURRENT", Integer.toString(maxConcurrent));
            env.put("MOWAI_SCHEDULER_MAX_QUEUED_PER_AGENT", "1000");
            env.put("MOWAI_GATEWAY_KEY", KEY);
            env.put("QUARKUS_LOG_LEVEL", "WARN");
            Gateway gw = new Gateway(pb.start(), port);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (true) {
                try {
                    if (HTTP.send(HttpRequest.newBuilder(URI.create(gw.url() + "/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return gw;
                } catch (IOException ignored) {
                    // not listening yet
                }
                if (!gw.process.isAlive()) throw new IllegalStateException("the gateway exited with " + gw.process.exitValue());
                if (System.nanoTime() > deadline) {
                    gw.close();
                    throw new IllegalStateException("the gateway did not become ready in 120 s");
                }
                Thread.sleep(200);
            }
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
