package dev.mowai.arena.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load tool for any relay that speaks the arena protocol: N agents post thoughts at a fixed rate, M
 * spectators follow the feed; reports delivered messages/s and delivery latency (send → receive, one
 * clock, since everything runs in this process).
 *
 * <pre>./mowai bench arena --url ws://localhost:8080 --agents 10 --rate 10 --spectators 1000 --seconds 20</pre>
 */
public final class ArenaBench {

    private static final String MARK = "\"content\":\"bench ";

    record Options(String url, String spectatorPath, int agents, double rate, int spectators, int seconds, int clients) {

        static Options parse(String[] args) {
            String url = "ws://localhost:8080";
            String path = "/arena";
            int agents = 10;
            double rate = 5;
            int spectators = 100;
            int seconds = 20;
            int clients = 8;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--url" -> url = need(args[i], value);
                    case "--spectator-path" -> path = need(args[i], value);
                    case "--agents" -> agents = Integer.parseInt(need(args[i], value));
                    case "--rate" -> rate = Double.parseDouble(need(args[i], value));
                    case "--spectators" -> spectators = Integer.parseInt(need(args[i], value));
                    case "--seconds" -> seconds = Integer.parseInt(need(args[i], value));
                    case "--clients" -> clients = Integer.parseInt(need(args[i], value));
                    case "-h", "--help" -> {
                        usage();
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
                }
                i++;
            }
            if (agents < 1 || rate <= 0 || spectators < 0 || seconds < 1 || clients < 1) {
                throw new IllegalArgumentException("need --agents >= 1, --rate > 0, --spectators >= 0, --seconds >= 1");
            }
            return new Options(url.replaceAll("/+$", ""), path, agents, rate, spectators, seconds, clients);
        }

        private static String need(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }

    static void usage() {
        System.out.println("""
                Usage: ./mowai bench arena [options]
                  --url URL              arena base URL; agents dial it as is (default ws://localhost:8080)
                  --spectator-path PATH  spectator feed path appended to --url (default /arena)
                  --agents N             agents posting thoughts (default 10)
                  --rate R               thoughts per second per agent (default 5; the arena allows 20)
                  --spectators M         spectators following the feed (default 100)
                  --seconds S            measured duration (default 20)
                  --clients C            HTTP clients sharing the sockets (default 8)""");
    }

    private final Options opt;
    private final List<HttpClient> http = new ArrayList<>();
    private final LatencyHistogram spectatorLatency = new LatencyHistogram();
    private final LatencyHistogram agentLatency = new LatencyHistogram();
    private final LongAdder spectatorDeliveries = new LongAdder();
    private final LongAdder agentDeliveries = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder arenaErrors = new LongAdder();
    private final LongAdder closedEarly = new LongAdder();
    private final AtomicBoolean measuring = new AtomicBoolean();

    ArenaBench(Options opt) {
        this.opt = opt;
        for (int i = 0; i < opt.clients(); i++) {
            http.add(HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build());
        }
    }

    public static void main(String[] args) throws Exception {
        Options opt;
        try {
            opt = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            usage();
            System.exit(2);
            return;
        }
        new ArenaBench(opt).run();
        System.exit(0);
    }

    void run() throws Exception {
        System.out.printf(Locale.ROOT, "arena bench: %s  agents=%d rate=%.1f/s each  spectators=%d  duration=%ds%n",
                opt.url(), opt.agents(), opt.rate(), opt.spectators(), opt.seconds());
        List<WebSocket> spectators = new ArrayList<>();
        for (int i = 0; i < opt.spectators(); i++) {
            spectators.add(connect(URI.create(opt.url() + opt.spectatorPath()), i, new Receiver(true)).join());
        }
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < opt.agents(); i++) {
            Agent a = new Agent(i);
            a.socket = connect(URI.create(opt.url()), i, new Receiver(false, a)).join();
            a.join();
            agents.add(a);
        }
        Thread.sleep(1000); // let snapshots and joins settle before measuring
        measuring.set(true);
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        long periodNanos = (long) (1e9 / opt.rate());
        String taskId = UUID.randomUUID().toString();
        for (Agent a : agents) {
            clock.scheduleAtFixedRate(() -> a.think(taskId), periodNanos * a.index / agents.size(), periodNanos,
                    TimeUnit.NANOSECONDS);
        }
        long start = System.nanoTime();
        Thread.sleep(opt.seconds() * 1000L);
        clock.shutdownNow();
        long sendWindow = System.nanoTime() - start;
        Thread.sleep(2000); // deliveries still in flight
        measuring.set(false);
        report(sendWindow);
        for (WebSocket s : spectators) {
            s.abort();
        }
        for (Agent a : agents) {
            a.socket.abort();
        }
    }

    private CompletableFuture<WebSocket> connect(URI uri, int i, WebSocket.Listener listener) {
        return http.get(i % http.size()).newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .buildAsync(uri, listener);
    }

    private void report(long sendWindowNanos) {
        double secs = sendWindowNanos / 1e9;
        long thoughts = sent.sum();
        long expectSpect = thoughts * opt.spectators();
        long expectAgents = thoughts * (opt.agents() - 1);
        System.out.printf(Locale.ROOT, "%nthoughts sent          %,d (%.1f/s)%n", thoughts, thoughts / secs);
        line("spectator deliveries", spectatorDeliveries.sum(), expectSpect, secs, spectatorLatency);
        line("agent deliveries", agentDeliveries.sum(), expectAgents, secs, agentLatency);
        long total = spectatorDeliveries.sum() + agentDeliveries.sum();
        System.out.printf(Locale.ROOT, "total delivered        %,d messages, %.0f msg/s%n", total, total / secs);
        System.out.printf(Locale.ROOT, "ARENA_ERRORs %d, sockets closed early %d%n", arenaErrors.sum(), closedEarly.sum());
    }

    private static void line(String what, long got, long expected, double secs, LatencyHistogram h) {
        System.out.printf(Locale.ROOT, "%-22s %,d of %,d (%.2f%%), %.0f msg/s, latency p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms%n",
                what, got, expected, expected == 0 ? 100.0 : 100.0 * got / expected, got / secs,
                h.percentileMillis(0.50), h.percentileMillis(0.99), h.percentileMillis(0.999));
    }

    /** A seed-protocol agent: joins, answers PING, posts numbered thoughts carrying their send time. */
    final class Agent {
        final int index;
        final String agentId = UUID.randomUUID().toString();
        WebSocket socket;
        private long seq;
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        Agent(int index) {
            this.index = index;
        }

        void join() {
            send("{\"type\":\"AGENT_CONNECT\",\"agentId\":\"" + agentId + "\",\"slot\":0,\"seq\":" + (++seq)
                    + ",\"ts\":" + System.currentTimeMillis() + ",\"payload\":{\"name\":\"bench-" + index
                    + "\",\"color\":\"#888\",\"persona\":\"bench\",\"version\":\"1\"}}");
        }

        void think(String taskId) {
            if (!measuring.get()) {
                return;
            }
            send("{\"type\":\"AGENT_THOUGHT\",\"agentId\":\"" + agentId + "\",\"slot\":0,\"seq\":" + (++seq)
                    + ",\"ts\":" + System.currentTimeMillis() + ",\"payload\":{\"content\":\"bench " + System.nanoTime()
                    + " from agent " + index + "\",\"step\":1,\"taskId\":\"" + taskId + "\"}}");
            sent.increment();
        }

        synchronized void send(String frame) {
            sending = sending.handle((v, e) -> null).thenCompose(v -> socket.sendText(frame, true));
        }
    }

    /** Counts thoughts (spectators) or peer thoughts (agents) and records their latency. */
    final class Receiver implements WebSocket.Listener {
        private final boolean spectator;
        private final Agent agent;
        private final StringBuilder partial = new StringBuilder();

        Receiver(boolean spectator) {
            this(spectator, null);
        }

        Receiver(boolean spectator, Agent agent) {
            this.spectator = spectator;
            this.agent = agent;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                handle(frame, now);
            }
            ws.request(1);
            return null;
        }

        private void handle(String frame, long now) {
            if (agent != null && frame.startsWith("{\"type\":\"PING\"")) {
                agent.send("{\"type\":\"PONG\",\"ts\":" + System.currentTimeMillis() + "}");
                return;
            }
            if (agent != null && frame.startsWith("{\"type\":\"ARENA_ERROR\"")) {
                arenaErrors.increment();
                return;
            }
            boolean counts = spectator ? frame.startsWith("{\"type\":\"AGENT_THOUGHT\"")
                    : frame.startsWith("{\"type\":\"PEER_THOUGHT\"");
            int at = frame.indexOf(MARK);
            if (!counts || at < 0 || !measuring.get()) {
                return;
            }
            int from = at + MARK.length();
            int to = frame.indexOf(' ', from);
            long sentAt = Long.parseLong(frame, from, to, 10);
            if (spectator) {
                spectatorDeliveries.increment();
                spectatorLatency.record(now - sentAt);
            } else {
                agentDeliveries.increment();
                agentLatency.record(now - sentAt);
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            if (measuring.get()) {
                closedEarly.increment();
                System.err.println("closed by the arena: " + code + " " + reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            if (measuring.get()) {
                closedEarly.increment();
            }
        }
    }
}
