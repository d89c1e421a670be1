package dev.mowai.arena.abuse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mowai.arena.SeedClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Well-behaved traffic during an attack, measured: an agent thinks every 100 ms, another agent and a
 * spectator receive every thought (latency from sending to receiving), /health is asked every 250 ms,
 * and the arena's resident memory is sampled.
 */
final class Probe implements AutoCloseable {

    private final ArenaProcess arena;
    private final SeedClient speaker;
    private final SeedClient listener;
    private final SeedClient spectator;
    private final List<Long> agentMs = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> spectatorMs = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> healthMs = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger healthFailures = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicLong peakRssKib = new AtomicLong();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    /** False once the speaker has sent its last thought (receivers then wait for what is still due). */
    private volatile boolean speaking = true;

    Probe(ArenaProcess arena) {
        this.arena = arena;
        this.speaker = SeedClient.join(arena.ws("/"), "Steady");
        this.listener = SeedClient.join(arena.ws("/ws"), "Listener");
        this.spectator = SeedClient.open(arena.ws("/arena"));
        spectator.await("ARENA_SNAPSHOT");
        String taskId = UUID.randomUUID().toString();
        threads.add(Thread.ofPlatform().daemon().start(() -> {
            for (int step = 1; running; step++) {
                speaker.think(taskId, step, "t:" + System.currentTimeMillis());
                sent.incrementAndGet();
                pause(100);
            }
            speaking = false;
        }));
        threads.add(receive(listener, agentMs));
        threads.add(receive(spectator, spectatorMs));
        threads.add(Thread.ofPlatform().daemon().start(() -> {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            while (running) {
                long t0 = System.nanoTime();
                try {
                    int status = http.send(HttpRequest.newBuilder(arena.uri("/health")).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status != 200) {
                        healthFailures.incrementAndGet();
                        failures.add("/health answered " + status);
                    }
                } catch (Exception e) {
                    healthFailures.incrementAndGet();
                    failures.add("/health: " + e);
                }
                healthMs.add((System.nanoTime() - t0) / 1_000_000);
                pause(250);
            }
        }));
        threads.add(Thread.ofPlatform().daemon().start(() -> {
            while (running) {
                peakRssKib.accumulateAndGet(arena.memoryKib("VmRSS"), Math::max);
                pause(100);
            }
        }));
    }

    private Thread receive(SeedClient client, List<Long> into) {
        return Thread.ofPlatform().daemon().start(() -> {
            while (speaking || into.size() < sent.get()) {
                try {
                    JsonNode n = client.await(m -> "AGENT_THOUGHT".equals(m.path("type").asText())
                            && m.at("/payload/content").asText().startsWith("t:"), "a thought");
                    into.add(System.currentTimeMillis() - Long.parseLong(n.at("/payload/content").asText().substring(2)));
                } catch (AssertionError e) {
                    if (speaking || into.size() < sent.get()) {
                        failures.add("no thought within 10 s: " + e.getMessage());
                    }
                    return;
                }
            }
        });
    }

    /** Stops, waits for the last thoughts, and sums up. */
    Summary finish() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(15_000);
        }
        return new Summary(sent.get(), agentMs.size(), spectatorMs.size(), pct(agentMs, 0.99), pct(spectatorMs, 0.99),
                max(agentMs), pct(healthMs, 0.99), max(healthMs), healthFailures.get(), peakRssKib.get() / 1024,
                List.copyOf(failures), speaker.isClosed() || listener.isClosed() || spectator.isClosed());
    }

    record Summary(int sent, int agentGot, int spectatorGot, long agentP99, long spectatorP99, long agentMax,
            long healthP99, long healthMax, int healthFailures, long peakRssMib, List<String> failures, boolean dropped) {
        String line(String attack) {
            return String.format("%-34s thoughts %d→agent %d, spectator %d | p99 agent %d ms, spectator %d ms (max %d) | "
                    + "/health p99 %d ms (max %d), failures %d | RSS peak %d MiB", attack, sent, agentGot, spectatorGot,
                    agentP99, spectatorP99, agentMax, healthP99, healthMax, healthFailures, peakRssMib);
        }
    }

    static long pct(List<Long> values, double q) {
        List<Long> sorted;
        synchronized (values) {
            sorted = new ArrayList<>(values);
        }
        if (sorted.isEmpty()) {
            return -1;
        }
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
    }

    static long max(List<Long> values) {
        return pct(values, 1.0);
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        speaker.close();
        listener.close();
        spectator.close();
    }
}
