package dev.mowai.runner.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 18 end to end: two agents built from the C template (templates/c, by the test fixtures) with the
 * contrarian persona, whose on-peer-thought asks the model "What would have to be true for this to be
 * wrong?" about every substantial thought of a peer. LLM calls are counted where they arrive, at the
 * gateway (echo backend, behind the {@link RecordingProxy}). A debate session with {@code reactions: false}
 * costs exactly 2 calls per agent per round (the template's plan and answer) and none on-peer-thought,
 * while its thoughts still reach spectators; the same agents on a free-for-all task do react to each other.
 * The session ends with the moderator's conclusion from the real gateway, which proved the arena's key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionReactionsIT {

    static final String SECRET = "e2e-admin-secret";
    static final Duration WITHIN = Duration.ofMinutes(3);
    /** The C template's on-peer-thought question for the contrarian persona (templates/c/agent.c). */
    static final String REACTION = "What would have to be true for this to be wrong?";

    Swarm swarm;
    Spectator spectator;
    String a;
    String b;

    @BeforeAll
    void startTheSwarmWithTwoCTemplateAgents() throws Exception {
        Swarm.requireServiceJars();
        Assumptions.assumeTrue(Files.isRegularFile(Swarm.AGENTS.resolve("template-c.wasm")),
                "test agents missing: see target/test-agents/SKIPPED.txt");
        swarm = Swarm.start(SECRET, Map.of("MOWAI_LIMITS_MEMORY_MAX_BYTES", Long.toString(32L << 20)));
        spectator = new Spectator("ws://127.0.0.1:" + swarm.arena.port);
        a = upload("Cato");
        b = upload("Cassia");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (Participant.get(swarm.arena.base() + "/agents").body().size() < 2) {
            assertTrue(System.nanoTime() < deadline, "both agents take their seats\n" + swarm.runner().tail());
            Thread.sleep(200);
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {spectator, swarm}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private String upload(String name) throws Exception {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("wasm", Files.readAllBytes(Swarm.AGENTS.resolve("template-c.wasm")));
        parts.put("name", name);
        parts.put("color", "#ff7043");
        parts.put("persona", "contrarian");
        Participant.Reply r = Participant.upload(swarm.runner().base() + "/agents", parts, Map.of());
        assertEquals(201, r.status(), r.raw() + "\n" + swarm.runner().tail());
        return r.body().get("id").asText();
    }

    /** Chat completions that reached the gateway from index {@code from} on. */
    private List<RecordingProxy.Seen> calls(int from) {
        List<RecordingProxy.Seen> all = List.copyOf(swarm.proxy.seen);
        return all.subList(from, all.size()).stream().filter(s -> s.path().startsWith("/v1/chat/completions")).toList();
    }

    private static long reactions(List<RecordingProxy.Seen> calls) {
        return calls.stream().filter(s -> s.body().contains(REACTION)).count();
    }

    @Test
    @Order(1)
    void aSessionWithoutReactionsCostsTwoCallsPerAgentPerRoundAndNoneOnPeerThoughts() throws Exception {
        int before = swarm.proxy.seen.size();
        Participant.Reply created = Participant.postJson(swarm.arena.base() + "/sessions",
                "{\"task\":\"Is a paperclip a tool?\",\"rounds\":2,\"reactions\":false,\"roundTimeoutSeconds\":120}",
                Map.of("X-Admin-Secret", SECRET));
        assertEquals(201, created.status(), created.raw());
        String id = created.body().get("sessionId").asText();
        JsonNode session = null;
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            session = Participant.get(swarm.arena.base() + "/sessions/" + id).body();
            if ("DONE".equals(session.path("state").asText())) {
                break;
            }
            Thread.sleep(250);
        }
        assertEquals("DONE", session.path("state").asText(), session + "\n" + swarm.runner().tail());
        for (JsonNode round : session.path("rounds")) {
            assertEquals("all answered", round.path("closedBy").asText(), round.toString());
            String task = round.path("taskId").asText();
            for (String agent : List.of(a, b)) {
                spectator.await("a thought of " + agent + " in round " + round.path("number").asInt(),
                        Spectator.event("AGENT_THOUGHT", agent, task), WITHIN);
            }
        }
        // A reaction would follow a peer's thought within the echo backend's milliseconds; give stragglers time.
        Thread.sleep(3000);

        List<RecordingProxy.Seen> calls = calls(before);
        assertEquals(0, reactions(calls), "no on-peer-thought calls with reactions:false: " + calls);
        Map<String, Long> byCaller = new LinkedHashMap<>();
        calls.forEach(s -> byCaller.merge(String.valueOf(s.agent()), 1L, Long::sum));
        assertEquals(Map.of(a, 4L, b, 4L, "arena", 1L), byCaller,
                "2 agents x 2 rounds x 2 template calls, and the moderator's one");
        assertEquals("moderator", session.at("/synthesis/name").asText(), session.toString());
        assertTrue(session.at("/synthesis/text").asText().startsWith("echo:"), session.toString());
        assertEquals(2, session.at("/verdict/answered").asInt(), session.toString());
        String metrics = Participant.get(swarm.gateway.base() + "/q/metrics").raw();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("mowai_gateway_requests_total{agent=\"arena\"")),
                "the gateway proved the arena's key and queued it as the arena, not as an unsigned caller");
    }

    @Test
    @Order(2)
    void theSameAgentsReactToEachOtherOnAFreeForAllTask() throws Exception {
        int before = swarm.proxy.seen.size();
        Participant.Reply posted = Participant.postJson(swarm.arena.base() + "/task",
                "{\"description\":\"Is a paperclip a tool?\"}", Map.of("X-Admin-Secret", SECRET));
        assertEquals(200, posted.status(), posted.raw());
        String task = posted.body().get("taskId").asText();
        for (String agent : List.of(a, b)) {
            spectator.await("the answer of " + agent, Spectator.event("AGENT_RESPONSE", agent, task), WITHIN);
        }
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (reactions(calls(before)) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        List<RecordingProxy.Seen> calls = calls(before);
        assertTrue(reactions(calls) > 0, "a free-for-all makes on-peer-thought calls: " + calls);
        Set<String> reacting = Set.copyOf(calls.stream().filter(s -> s.body().contains(REACTION)).map(RecordingProxy.Seen::agent).toList());
        assertTrue(Set.of(a, b).containsAll(reacting), reacting.toString());
    }
}
