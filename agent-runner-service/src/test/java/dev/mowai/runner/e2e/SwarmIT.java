package dev.mowai.runner.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mowai.runner.core.SkillFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The product end to end (issue 6): arena, gateway (echo backend) and runner as real processes on
 * free ports; a C and a JS agent uploaded over REST answer a task that a spectator watches; the
 * persona reaches the gateway as the system prompt; hostile uploads do not disturb them; after a
 * runner restart both come back and answer again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmIT {

    static final Path ROOT = Swarm.ROOT;
    static final Path AGENTS = Swarm.AGENTS;
    static final String SECRET = "e2e-admin-secret";
    static final Duration ANSWER_WITHIN = Duration.ofMinutes(3);
    static final String CUSTOM_SKILL = "---\nname: e2e-poet\ndescription: answers in verse\n---\n"
            + "You are the end-to-end test's poet. Always rhyme.\n";

    Swarm swarm;
    ServiceProcess arena;
    RecordingProxy proxy;
    Spectator spectator;
    String cId;
    String cToken;
    String jsId;

    @BeforeAll
    void startTheSwarm() throws Exception {
        Swarm.requireServiceJars();
        Assumptions.assumeTrue(Files.isRegularFile(AGENTS.resolve("c-reactor.wasm")) && Files.isRegularFile(AGENTS.resolve("js.wasm")),
                "test agents missing: see target/test-agents/SKIPPED.txt");
        // 32 MiB per agent (a JS agent starts with 9 MiB): every agent of these tests fits the memory budget of a 1 GiB heap
        swarm = Swarm.start(SECRET, Map.of("MOWAI_LIMITS_MEMORY_MAX_BYTES", Long.toString(32L << 20)));
        arena = swarm.arena;
        proxy = swarm.proxy;
        spectator = new Spectator("ws://127.0.0.1:" + arena.port);
    }

    @AfterAll
    void stopTheSwarm() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {spectator, swarm}) {
            if (c != null) {
                c.close();
            }
        }
    }

    ServiceProcess runner() {
        return swarm.runner();
    }

    String runnerUrl(String path) {
        return runner().base() + path;
    }

    Participant.Reply upload(String file, String name, String color, String persona, String skill) throws Exception {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("wasm", Files.readAllBytes(AGENTS.resolve(file)));
        parts.put("name", name);
        parts.put("color", color);
        if (persona != null) {
            parts.put("persona", persona);
        }
        if (skill != null) {
            parts.put("skill", skill.getBytes());
        }
        return Participant.upload(runnerUrl("/agents"), parts, Map.of());
    }

    String postTask(String description) throws Exception {
        Participant.Reply r = Participant.postJson(arena.base() + "/task", "{\"description\":\"" + description + "\"}",
                Map.of("X-Admin-Secret", SECRET));
        assertEquals(200, r.status(), r.raw());
        return r.body().get("taskId").asText();
    }

    void awaitAnswers(String taskId, String... agentIds) throws Exception {
        for (String id : agentIds) {
            JsonNode response = spectator.await("the response of " + id + " to " + taskId,
                    Spectator.event("AGENT_RESPONSE", id, taskId), ANSWER_WITHIN);
            assertTrue(response.at("/payload/durationMs").asDouble() >= 0);
        }
    }

    void awaitSeats(int n) throws Exception {
        awaitSeats(n, Duration.ofMinutes(2));
    }

    void awaitSeats(int n, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int seen = -1;
        while (System.nanoTime() < deadline) {
            JsonNode roster = Participant.get(arena.base() + "/agents").body();
            seen = roster == null ? -1 : roster.size();
            if (seen >= n) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("arena roster has " + seen + " agents, expected " + n + "\n" + runner().tail());
    }

    @Test
    @Order(1)
    void aCAndAJsAgentUploadedOverRestAnswerATaskThatSpectatorsSee() throws Exception {
        Participant.Reply c = upload("c-reactor.wasm", "Cee", "#ff8800", null, CUSTOM_SKILL);
        assertEquals(201, c.status(), c.raw() + "\n" + runner().tail());
        cId = c.body().get("id").asText();
        cToken = c.body().get("token").asText();
        boolean builtIn = Files.isRegularFile(ROOT.resolve("personas/pragmatist/SKILL.md"));
        Participant.Reply js = builtIn ? upload("js.wasm", "Jay", "#0088ff", "pragmatist", null)
                : upload("js.wasm", "Jay", "#0088ff", null, CUSTOM_SKILL);
        assertEquals(201, js.status(), js.raw() + "\n" + runner().tail());
        jsId = js.body().get("id").asText();
        awaitSeats(2);

        String task = postTask("Name one use of a paperclip");
        for (String id : List.of(cId, jsId)) {
            spectator.await("a thought of " + id, Spectator.event("AGENT_THOUGHT", id, task), ANSWER_WITHIN);
        }
        awaitAnswers(task, cId, jsId);
        JsonNode cAnswer = spectator.await("C answer", Spectator.event("AGENT_RESPONSE", cId, task), ANSWER_WITHIN);
        assertEquals("Cee says: echo: As e2e-poet, answer: Name one use of a paperclip", cAnswer.at("/payload/content").asText());

        RecordingProxy.Seen seen = proxy.seen.stream().filter(s -> cId.equals(s.agent())).findFirst()
                .orElseThrow(() -> new AssertionError("no gateway call from the C agent: " + proxy.seen));
        JsonNode body = Participant.JSON.readTree(seen.body());
        assertEquals("system", body.at("/messages/0/role").asText());
        assertEquals("You are the end-to-end test's poet. Always rhyme.", body.at("/messages/0/content").asText());
        assertEquals("As e2e-poet, answer: Name one use of a paperclip", body.at("/messages/1/content").asText());
        if (builtIn) {
            SkillFile.Parsed.Ok pragmatist = (SkillFile.Parsed.Ok) SkillFile.parse(
                    Files.readString(ROOT.resolve("personas/pragmatist/SKILL.md")));
            String systemJson = Participant.JSON.writeValueAsString(pragmatist.skill().body());
            assertTrue(proxy.seen.stream().anyMatch(s -> jsId.equals(s.agent()) && s.body().contains(systemJson)),
                    "the JS agent's calls carry the pragmatist SKILL.md body as the system message");
        }
    }

    @Test
    @Order(2)
    void hostileUploadsLeaveTheOthersAnswering() throws Exception {
        Participant.Reply garbage = Participant.upload(runnerUrl("/agents"),
                Map.of("wasm", "this is not wasm".getBytes(), "name", "G", "color", "#000", "persona", "nobody"), Map.of());
        assertEquals(400, garbage.status(), garbage.raw());
        assertTrue(garbage.body().get("problems").size() >= 2, garbage.raw());

        List<String> hostile = new ArrayList<>();
        for (String file : List.of("hostile-loop.wasm", "hostile-membomb.wasm", "hostile-flood.wasm")) {
            Participant.Reply r = upload(file, file.replace(".wasm", ""), "#ff0000", null, CUSTOM_SKILL);
            assertEquals(201, r.status(), file + ": " + r.raw());
            hostile.add(r.body().get("id").asText());
        }
        awaitSeats(5);
        String task = postTask("Second task while hostile agents are around");
        awaitAnswers(task, cId, jsId);

        String loopId = hostile.get(0);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonNode loop = null;
        while (System.nanoTime() < deadline) {
            loop = Participant.get(runnerUrl("/agents/" + loopId)).body();
            if (loop.at("/stats/traps").asLong() >= 1) {
                break;
            }
            Thread.sleep(250);
        }
        assertTrue(loop.at("/stats/traps").asLong() >= 1, "the infinite loop was stopped: " + loop);
        JsonNode flood = Participant.get(runnerUrl("/agents/" + hostile.get(2))).body();
        assertTrue(flood.at("/stats/limitHits").asLong() >= 1, "the flood hit a broadcast limit: " + flood);
        assertTrue(flood.at("/stats/broadcasts").asLong() <= 60, "at most a minute's worth of thoughts relayed: " + flood);
    }

    @Test
    @Order(3)
    void afterARunnerRestartBothAgentsComeBackAndAnswer() throws Exception {
        swarm.restartRunner();
        awaitSeats(2, Duration.ofMinutes(6));
        JsonNode agents = Participant.get(runnerUrl("/agents")).body();
        List<String> ids = new ArrayList<>();
        agents.forEach(a -> ids.add(a.get("id").asText()));
        assertTrue(ids.contains(cId) && ids.contains(jsId), ids.toString());
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (System.nanoTime() < deadline && !(joined(cId) && joined(jsId))) {
            Thread.sleep(200);
        }
        String task = postTask("Third task after the restart");
        awaitAnswers(task, cId, jsId);

        Participant.Reply wrongToken = Participant.postJson(runnerUrl("/agents/" + cId + "/trial"), "{\"task\":\"hi\"}",
                Map.of("Authorization", "Bearer nope"));
        assertEquals(401, wrongToken.status());
        Participant.Reply trial = Participant.postJson(runnerUrl("/agents/" + cId + "/trial"), "{\"task\":\"hi\"}",
                Map.of("Authorization", "Bearer " + cToken));
        assertEquals(200, trial.status(), trial.raw());
        assertEquals("Cee says: echo: As e2e-poet, answer: hi", trial.body().get("response").asText());
    }

    /**
     * Issue 13: agents built from the seed's own WIT (c-reactor and js above, and here Rust, and C,
     * Rust and JS with WASI) and one whose parameter names differ from the world's answer a task in
     * the arena; real mismatches are refused over REST, naming the function and the difference.
     */
    @Test
    @Order(4)
    void seedBuiltAgentsInEveryLanguageAnswerAndMismatchesAreRefused() throws Exception {
        List<String> ids = new ArrayList<>(List.of(cId, jsId));
        for (String file : List.of("rust.wasm", "c-wasi.wasm", "rust-wasi.wasm", "js-wasi.wasm", "c-renamed-params.wasm")) {
            Participant.Reply r = upload(file, file.replace(".wasm", ""), "#00aa88", null, CUSTOM_SKILL);
            assertEquals(201, r.status(), file + ": " + r.raw() + "\n" + runner().tail());
            ids.add(r.body().get("id").asText());
        }
        awaitSeats(ids.size());
        String task = postTask("Name a seed contract");
        awaitAnswers(task, ids.toArray(String[]::new));
        String renamed = ids.getLast();
        JsonNode answer = spectator.await("the renamed-params answer", Spectator.event("AGENT_RESPONSE", renamed, task), ANSWER_WITHIN);
        assertEquals("c-renamed-params says: echo: As e2e-poet, answer: Name a seed contract", answer.at("/payload/content").asText());

        Map<String, String> refusals = Map.of(
                "mismatch-u32-task.wasm", "export 'handle-task': parameter 1 'task-description': expected string, found u32",
                "mismatch-missing-export.wasm", "missing export 'on-peer-thought': expected func(peer-id: string, thought: string)",
                "mismatch-renamed-field.wasm", "export 'get-info': result: record field 2: expected 'version', found 'release'");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            Participant.Reply r = upload(refusal.getKey(), "M", "#000000", null, CUSTOM_SKILL);
            assertEquals(400, r.status(), refusal.getKey() + ": " + r.raw());
            assertTrue(r.raw().contains(refusal.getValue()), refusal.getKey() + ": " + r.raw());
        }
    }

    boolean joined(String id) throws Exception {
        return "joined".equals(Participant.get(runnerUrl("/agents/" + id)).body().path("arena").asText());
    }
}
