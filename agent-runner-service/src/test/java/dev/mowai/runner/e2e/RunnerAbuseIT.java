package dev.mowai.runner.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The runner's upload attacks against the packaged runner, run the way the image runs it (a bounded
 * heap and {@code -XX:+ExitOnOutOfMemoryError}, so an exhausted heap ends the process instead of
 * limping): a well-behaved agent is tried all along and must answer every time, and the runner must
 * never die. Scaled to CI: a 1 GiB heap (the image: 75% of a 4 GiB container) and 128 MiB per agent.
 * Peak RSS and times to refuse are printed (README, limits).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class RunnerAbuseIT {

    static final String JOIN = "abuse-join";
    static final String SKILL = "---\nname: steady\ndescription: answers\n---\nYou answer.\n";
    static final long AGENT_CAP = 128L << 20;

    static Swarm swarm;
    static String honestId;
    static String honestToken;

    @BeforeAll
    static void start() throws Exception {
        swarm = Swarm.start("abuse-admin", Map.of("MOWAI_JOIN_CODE", JOIN,
                        "MOWAI_LIMITS_MEMORY_MAX_BYTES", Long.toString(AGENT_CAP),
                        "MOWAI_LIMITS_UPLOADS_PER_CLIENT", "1000", "MOWAI_LIMITS_HOT_SWAPS_PER_AGENT", "1000",
                        "MOWAI_LIMITS_TRIALS_PER_AGENT", "100000", "MOWAI_LIMITS_LLM_CALLS_PER_MINUTE", "100000"),
                List.of("-XX:+ExitOnOutOfMemoryError"));
        Participant.Reply r = upload("c-reactor.wasm", "Steady");
        assertEquals(201, r.status(), r.raw());
        honestId = r.body().get("id").asText();
        honestToken = r.body().get("token").asText();
        assertHonestAnswers();
    }

    @AfterAll
    static void stop() throws Exception {
        if (swarm != null) {
            swarm.close();
        }
    }

    static String url(String path) {
        return swarm.runner().base() + path;
    }

    static Participant.Reply upload(String file, String name) throws Exception {
        return Participant.upload(url("/agents"), Map.of("wasm", Files.readAllBytes(Swarm.AGENTS.resolve(file)),
                "name", name, "color", "#00aa88", "skill", SKILL.getBytes(StandardCharsets.UTF_8)), Map.of("X-Join-Code", JOIN));
    }

    static void assertHonestAnswers() throws Exception {
        Participant.Reply trial = Participant.postJson(url("/agents/" + honestId + "/trial"), "{\"task\":\"hi\"}",
                Map.of("Authorization", "Bearer " + honestToken));
        assertEquals(200, trial.status(), trial.raw());
        assertEquals("Steady says: echo: As steady, answer: hi", trial.body().get("response").asText(), trial.raw());
    }

    /** Runs {@code attack} while trying the well-behaved agent over and over; fails on any miss. */
    static <T> List<T> whileHonestAnswers(int parallel, Callable<T> attack) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel + 1);
        AtomicBoolean attacking = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        try {
            Future<?> honest = pool.submit(() -> {
                while (attacking.get()) {
                    assertHonestAnswers();
                    answered.incrementAndGet();
                }
                return null;
            });
            List<Future<T>> attacks = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                attacks.add(pool.submit(attack));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : attacks) {
                results.add(f.get(10, TimeUnit.MINUTES));
            }
            attacking.set(false);
            honest.get(5, TimeUnit.MINUTES);
            assertTrue(answered.get() >= 1, "the well-behaved agent answered during the attack");
            assertTrue(swarm.runner().alive(), "the runner is alive\n" + swarm.runner().tail());
            assertHonestAnswers();
            return results;
        } finally {
            attacking.set(false);
            pool.shutdownNow();
        }
    }

    /** A request whose headers are sent at once and whose body of {@code bodyBytes} zeros follows as fast as the runner takes it. */
    record Sent(String statusLine, long millis) {
    }

    static Sent send(String head, long bodyBytes) throws IOException {
        long t0 = System.nanoTime();
        try (Socket s = new Socket("127.0.0.1", swarm.runner().port)) {
            s.setSoTimeout(120_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            try {
                for (long sent = 0; sent < bodyBytes; sent += chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, bodyBytes - sent));
                }
                out.flush();
            } catch (IOException closed) {
                // the runner answered and closed before taking the body: what a refusal should do
            }
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) > 0 && c != '\r') {
                line.append((char) c);
            }
            return new Sent(line.toString(), (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            return new Sent("connection failed: " + e, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    static void report(String attack, List<Sent> sent) {
        long max = sent.stream().mapToLong(Sent::millis).max().orElse(0);
        System.out.printf("[abuse] %s: %d requests, statuses %s, slowest refusal %d ms, runner peak RSS %d MiB%n", attack,
                sent.size(), sent.stream().map(Sent::statusLine).distinct().toList(), max, swarm.runner().peakRssBytes() >> 20);
    }

    /** {@code parallel} such requests at once, each refused with {@code status} before its body is taken. */
    static void refusedBeforeTheirBodies(String attack, String head, long bodyBytes, String status) throws Exception {
        List<Sent> sent = whileHonestAnswers(32, () -> send(head, bodyBytes));
        report(attack, sent);
        sent.forEach(s -> assertTrue(s.statusLine().startsWith("HTTP/1.1 " + status), s.toString()));
    }

    @Test
    @Order(1)
    void uploadsWithAWrongJoinCodeAreRefusedBeforeTheirBodies() throws Exception {
        long skill = 30L << 20;
        refusedBeforeTheirBodies("32 parallel uploads of a 30 MiB body with a wrong join code",
                "POST /agents HTTP/1.1\r\nHost: runner\r\nX-Join-Code: guess\r\n"
                        + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: " + skill + "\r\n\r\n", skill, "403");
    }

    @Test
    @Order(2)
    void hotSwapsWithoutTheTokenAreRefusedBeforeTheirBodies() throws Exception {
        long body = 60L << 20;
        refusedBeforeTheirBodies("32 parallel token-less 60 MiB hot swaps", "PUT /agents/" + honestId
                + "/wasm HTTP/1.1\r\nHost: runner\r\nContent-Type: application/wasm\r\nContent-Length: " + body + "\r\n\r\n",
                body, "401");
    }

    @Test
    @Order(3)
    void agentsThatGrowToTheCapCannotTogetherExhaustTheHeap() throws Exception {
        // 12 uploads of an agent that grows its memory to the cap: 1.5 GiB at 128 MiB each, in a 1 GiB heap
        List<Participant.Reply> replies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            replies.add(upload("hostile-membomb.wasm", "Bomb " + i));
        }
        List<String> bombs = new ArrayList<>();
        for (Participant.Reply r : replies) {
            if (r.status() == 201) {
                bombs.add(r.body().get("id").asText() + " " + r.body().get("token").asText());
            } else {
                assertEquals(503, r.status(), r.raw());
                assertTrue(r.raw().contains("the runner's memory for agents is full"), r.raw());
                assertTrue(r.raw().contains("mowai.limits.memory-budget-bytes"), r.raw());
            }
        }
        System.out.printf("[abuse] 12 uploads of a memory bomb: %d accepted, %d refused with 503%n", bombs.size(), 12 - bombs.size());
        assertTrue(bombs.size() < 12, "the budget refused some");
        List<Participant.Reply> detonated = whileHonestAnswers(bombs.size(), new Callable<>() {
            final AtomicInteger next = new AtomicInteger();

            @Override
            public Participant.Reply call() throws Exception {
                String[] bomb = bombs.get(next.getAndIncrement()).split(" ");
                return Participant.postJson(url("/agents/" + bomb[0] + "/trial"), "{\"task\":\"boom\"}",
                        Map.of("Authorization", "Bearer " + bomb[1]));
            }
        });
        detonated.forEach(r -> assertEquals(200, r.status(), r.raw()));
        System.out.printf("[abuse] %d memory bombs grown to the cap at once: runner peak RSS %d MiB%n", bombs.size(),
                swarm.runner().peakRssBytes() >> 20);

        // a restart with less room (two agents and a hot swap): the oldest agents come back, the rest are
        // marked, the runner stays up
        swarm.restartRunner(Map.of("MOWAI_LIMITS_MEMORY_BUDGET_BYTES", Long.toString(3 * AGENT_CAP + (AGENT_CAP >> 1))));
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        // the log holds both runs: the second "restored N agents" line ends the restore
        while (System.nanoTime() < deadline && Files.readString(swarm.runner().log).split("restored \\d+ agents", -1).length < 3) {
            Thread.sleep(500);
        }
        JsonNode agents = Participant.get(url("/agents?scope=local")).body();
        int marked = 0;
        for (JsonNode a : agents) {
            if ("failed".equals(a.path("state").asText()) && a.toString().contains("not loaded after the restart")) {
                marked++;
            }
        }
        assertEquals(agents.size() - 2, marked, "all but the two oldest are marked, not loaded: " + agents);
        assertHonestAnswers();
        assertTrue(swarm.runner().alive(), swarm.runner().tail());
    }
}
