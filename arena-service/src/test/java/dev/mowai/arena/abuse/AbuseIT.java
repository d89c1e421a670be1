package dev.mowai.arena.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.arena.RawHttp;
import dev.mowai.arena.RawWebSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit's attacks on the arena, scaled to CI, against the packaged arena with a production heap
 * and ExitOnOutOfMemoryError. During each a well-behaved agent keeps thinking and a spectator keeps
 * receiving ({@link Probe}); the arena must stay alive and answer /health with 200 throughout.
 * Speed is reported (target/abuse-report.txt), not asserted: the CI machine is small and shared.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AbuseIT {

    @TempDir
    static Path dataDir;

    static ArenaProcess arena;
    static final List<String> report = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        arena = ArenaProcess.start(dataDir);
        report.add("arena " + ArenaProcess.HEAP + " -XX:+ExitOnOutOfMemoryError, RSS after start "
                + arena.memoryKib("VmRSS") / 1024 + " MiB");
    }

    @AfterAll
    static void stop() throws Exception {
        report.add("RSS peak of the whole run (VmHWM) " + arena.memoryKib("VmHWM") / 1024 + " MiB");
        arena.close();
        Files.copy(arena.log, Path.of("target", "abuse-arena.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path out = Path.of("target", "abuse-report.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, report, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        report.forEach(System.out::println);
    }

    /** What every attack must leave behind: a live arena that served the good clients without fail. */
    static void assertServed(Probe.Summary s, String attack) {
        report.add(s.line(attack));
        assertTrue(arena.process.isAlive(), attack + ": the arena died");
        assertEquals(0, s.healthFailures(), attack + ": " + s.failures());
        assertTrue(s.failures().isEmpty(), attack + ": " + s.failures());
        assertFalse(s.dropped(), attack + ": a well-behaved client was closed");
        assertEquals(s.sent(), s.agentGot(), attack + ": every thought reached the other agent");
        assertEquals(s.sent(), s.spectatorGot(), attack + ": every thought reached the spectator");
    }

    @Test
    @Order(0)
    void baselineWithoutAnAttack() throws Exception {
        try (Probe probe = new Probe(arena)) {
            Thread.sleep(8_000);
            assertServed(probe.finish(), "baseline (no attack)");
        }
    }

    @Test
    @Order(1)
    void taskBodiesWithAWrongSecret() throws Exception {
        try (Probe probe = new Probe(arena); ExecutorService pool = Executors.newFixedThreadPool(64)) {
            List<Long> refusedMs = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger unauthorized = new AtomicInteger();
            byte[] chunk = new byte[64 * 1024];
            long until = System.currentTimeMillis() + 10_000;
            int rounds = 0;
            for (; rounds < 3 || System.currentTimeMillis() < until; rounds++) {
                List<java.util.concurrent.Future<?>> all = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    all.add(pool.submit(() -> {
                        try (RawHttp c = new RawHttp("127.0.0.1", arena.port)) {
                            long t0 = System.nanoTime();
                            c.send("POST /task HTTP/1.1\r\nHost: arena\r\nX-Admin-Secret: guess\r\nContent-Type: application/json"
                                    + "\r\nContent-Length: " + (9 * 1024 * 1024) + "\r\n\r\n");
                            try {
                                for (int sentBytes = 0; sentBytes < 9 * 1024 * 1024; sentBytes += chunk.length) {
                                    c.send(chunk);
                                }
                            } catch (IOException closedByArena) {
                                // expected: the arena answers on the headers and closes
                            }
                            if (c.status() == 401) {
                                unauthorized.incrementAndGet();
                            }
                            refusedMs.add((System.nanoTime() - t0) / 1_000_000);
                        }
                        return null;
                    }));
                }
                for (var f : all) {
                    f.get(120, TimeUnit.SECONDS);
                }
            }
            Probe.Summary s = probe.finish();
            report.add("  " + rounds * 64 + " POST /task (64 at a time), 9 MiB each, wrong secret: " + unauthorized.get()
                    + " × 401; time to refuse p99 "
                    + Probe.pct(refusedMs, 0.99) + " ms, max " + Probe.max(refusedMs) + " ms");
            assertEquals(rounds * 64, unauthorized.get());
            assertServed(s, "pre-auth task bodies (64 × 9 MiB)");
        }
    }

    @Test
    @Order(2)
    void idleSocketsAndPingsThatNeverJoin() throws Exception {
        List<RawWebSocket> held = Collections.synchronizedList(new ArrayList<>());
        ConcurrentHashMap<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<Long> refusedMs = Collections.synchronizedList(new ArrayList<>());
        try (Probe probe = new Probe(arena); ExecutorService pool = Executors.newFixedThreadPool(80)) {
            long end = System.currentTimeMillis() + 15_000;
            List<java.util.concurrent.Future<?>> all = new ArrayList<>();
            // One client (127.0.0.2) dialling 80 sockets at a time for 15 s (more than the 64 it may keep
            // waiting), each PINGing as fast as it is answered; 400 more sockets from 40 other addresses
            // (127.0.1.x) that just wait, more than the 256 allowed in all.
            for (int i = 0; i < 80; i++) {
                all.add(pool.submit(() -> {
                    while (System.currentTimeMillis() < end) {
                        long t0 = System.nanoTime();
                        try (RawWebSocket w = RawWebSocket.open("127.0.0.1", arena.port, "/", "127.0.0.2")) {
                            if (!w.upgraded()) {
                                refusedMs.add((System.nanoTime() - t0) / 1_000_000);
                                outcomes.computeIfAbsent(w.status.substring(9, 12), k -> new AtomicInteger()).incrementAndGet();
                                Probe.pause(20);
                                continue;
                            }
                            String outcome = "still open";
                            while (System.currentTimeMillis() < end) { // PING as fast as the arena answers
                                w.text("{\"type\":\"PING\",\"ts\":1}");
                                RawWebSocket.Frame f = w.read();
                                if (f == null || f.opcode() == RawWebSocket.CLOSE) {
                                    outcome = f == null ? "dropped" : "closed " + f.closeCode();
                                    break;
                                }
                            }
                            outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                        } catch (IOException e) {
                            outcomes.computeIfAbsent("io " + e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (int a = 0; a < 40; a++) {
                String from = "127.0.1." + (a + 1);
                for (int i = 0; i < 10; i++) {
                    String outcome;
                    try {
                        RawWebSocket w = RawWebSocket.open("127.0.0.1", arena.port, "/", from);
                        held.add(w);
                        outcome = w.upgraded() ? "waiting" : w.status.isEmpty() ? "no answer" : w.status.substring(9, 12);
                    } catch (IOException e) {
                        outcome = "io " + e.getClass().getSimpleName();
                    }
                    outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                }
            }
            for (var f : all) {
                f.get(120, TimeUnit.SECONDS);
            }
            Probe.Summary s = probe.finish();
            report.add("  idle/PING flood outcomes " + new java.util.TreeMap<>(outcomes) + "; upgrade refused in p99 "
                    + Probe.pct(refusedMs, 0.99) + " ms, max " + Probe.max(refusedMs) + " ms");
            assertTrue(outcomes.getOrDefault("429", new AtomicInteger()).get() > 0, "the flooding address was refused");
            assertServed(s, "idle sockets + PING flood");
        } finally {
            for (RawWebSocket w : held) {
                w.close();
            }
        }
    }

    @Test
    @Order(3)
    void handshakesSentAByteEveryFiveSeconds() throws Exception {
        try (Probe probe = new Probe(arena); ExecutorService pool = Executors.newFixedThreadPool(200)) {
            List<Long> cutAfterMs = Collections.synchronizedList(new ArrayList<>());
            List<java.util.concurrent.Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                all.add(pool.submit(() -> {
                    String request = "GET / HTTP/1.1\r\nHost: arena\r\nUpgrade: websocket\r\n";
                    try (RawHttp c = new RawHttp("127.0.0.1", arena.port)) {
                        long t0 = System.nanoTime();
                        for (int b = 0; b < request.length(); b++) {
                            try {
                                c.send(request.substring(b, b + 1));
                            } catch (IOException cut) {
                                break;
                            }
                            if (c.closedByServerWithin(5)) {
                                break;
                            }
                        }
                        cutAfterMs.add((System.nanoTime() - t0) / 1_000_000);
                    }
                    return null;
                }));
            }
            for (var f : all) {
                f.get(300, TimeUnit.SECONDS);
            }
            Probe.Summary s = probe.finish();
            report.add("  200 slow handshakes: all cut off, after p50 " + Probe.pct(cutAfterMs, 0.5) + " ms, max "
                    + Probe.max(cutAfterMs) + " ms");
            assertTrue(Probe.max(cutAfterMs) < 60_000, "every slow handshake was cut off within a few bytes");
            assertServed(s, "200 slow handshakes");
        }
    }
}
