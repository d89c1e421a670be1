package dev.mowai.runner.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Benchmark (not a test): what a debate session costs against the same task as a free-for-all.
 * {@code ./mowai bench session [N] [R] [options]} starts a paced fake Ollama, the arena, the gateway (in
 * front of the fake) and a runner, then runs this; by hand, point it at running services:
 * <pre>
 *   java -cp ... dev.mowai.runner.e2e.SessionBench RUNNER ARENA SECRET FAKE_OLLAMA C.wasm JS.wasm [N] [R]
 *        [--quiet-s 5] [--round-timeout-s 120] [--task "…"]
 * </pre>
 * It uploads N agents, C and JS templates in turn with the five personas in turn, lets them answer one
 * warm-up task with reactions (not measured: GraalWasm compiles an agent's hot code on its first calls,
 * which would otherwise weigh on whichever part ran first), then
 * <ol>
 *   <li>starts a session of R rounds with {@code reactions: false} and measures the time to its verdict
 *       and the chat calls the fake Ollama served meanwhile;</li>
 *   <li>posts the same task as a plain lead task (agents react to each other's thoughts) and measures the
 *       time until the room is quiet (no thought or answer for the quiet time and nothing at the fake
 *       Ollama) and the chat calls, which end when the runner's per-task budgets run out.</li>
 * </ol>
 * The calls are counted where they cost: at the fake Ollama ({@code GET /_fake/stats}).
 */
public final class SessionBench {

    private static final List<String> PERSONAS = List.of("contrarian", "pragmatist", "first-principles",
            "devils-advocate", "synthesiser");
    private static final Set<String> ROOM_TRAFFIC = Set.of("AGENT_THOUGHT", "AGENT_RESPONSE");
    private static final long MINUTES_10 = 600_000_000_000L;

    private SessionBench() {
    }

    public static void main(String[] args) throws Exception {
        // The arena closes connections idle for 4 s (quarkus.http.idle-timeout): the client must drop them sooner,
        // or a POST may go out on one the arena is closing and fail with EOF.
        System.setProperty("jdk.httpclient.keepalive.timeout", "2");
        String runner = args[0];
        String arena = args[1];
        String secret = args[2];
        String fake = args[3];
        byte[] c = Files.readAllBytes(Path.of(args[4]));
        byte[] js = Files.readAllBytes(Path.of(args[5]));
        List<String> positional = new ArrayList<>();
        int quietS = 5;
        int roundTimeoutS = 120;
        String task = "Should a five-person team keep all its services in one repository? Take a side and say why.";
        for (int i = 6; i < args.length; i++) {
            switch (args[i]) {
                case "--quiet-s" -> quietS = Integer.parseInt(args[++i]);
                case "--round-timeout-s" -> roundTimeoutS = Integer.parseInt(args[++i]);
                case "--task" -> task = args[++i];
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException(args[i] + ": unknown option (expected --quiet-s, --round-timeout-s, --task)");
                    }
                    positional.add(args[i]);
                }
            }
        }
        int agents = positional.isEmpty() ? 8 : Integer.parseInt(positional.get(0));
        int rounds = positional.size() < 2 ? 3 : Integer.parseInt(positional.get(1));
        Map<String, String> admin = Map.of("X-Admin-Secret", secret);

        JsonNode pace = stats(fake).path("pace");
        System.out.printf("%d agents (C and JS templates in turn), %d rounds; fake Ollama: %d slots, prefill %.0f tokens/s, "
                        + "%.0f tokens/s per slot, %d-token replies; %d CPUs%n", agents, rounds, pace.path("slots").asInt(),
                pace.path("prefillTokensPerSecond").asDouble(), pace.path("tokensPerSecond").asDouble(),
                pace.path("replyTokens").asInt(), Runtime.getRuntime().availableProcessors());
        long t = System.nanoTime();
        for (int i = 0; i < agents; i++) {
            boolean isC = i % 2 == 0;
            Map<String, Object> parts = new LinkedHashMap<>();
            parts.put("wasm", isC ? c : js);
            parts.put("name", (isC ? "c-" : "js-") + i);
            parts.put("color", isC ? "#5c6bc0" : "#f7df1e");
            parts.put("persona", PERSONAS.get(i % PERSONAS.size()));
            Participant.Reply r = Participant.upload(runner + "/agents", parts, Map.of());
            if (r.status() != 201) throw new IllegalStateException("upload " + i + " failed: " + r.status() + " " + r.raw());
        }
        RunnerBench.awaitSeats(arena, agents);
        System.out.printf("uploaded and seated in %.1f s%n", (System.nanoTime() - t) / 1e9);

        try (Spectator spectator = new Spectator(arena.replace("http", "ws"))) {
            t = System.nanoTime();
            int from = spectator.events.size();
            postTask(arena, admin, "Warm-up: say in one sentence who you are and what you care about.");
            awaitQuiet(spectator, fake, from, t, quietS);
            System.out.printf("warm-up task (with reactions, not measured): quiet after %.1f s%n", (System.nanoTime() - t) / 1e9);

            // 1. the session, reactions off
            JsonNode before = stats(fake);
            String body = Participant.JSON.createObjectNode().put("task", task).put("rounds", rounds).put("reactions", false)
                    .put("roundTimeoutSeconds", roundTimeoutS).toString();
            from = spectator.events.size();
            long start = System.nanoTime();
            Participant.Reply created = Participant.postJson(arena + "/sessions", body, admin);
            if (created.status() != 201) throw new IllegalStateException("POST /sessions: " + created.status() + " " + created.raw());
            String id = created.body().path("sessionId").asText();
            JsonNode session = awaitVerdict(arena, id);
            double sessionS = (System.nanoTime() - start) / 1e9;
            JsonNode atVerdict = stats(fake);
            Quiet afterSession = awaitQuiet(spectator, fake, from, start, quietS);
            Cost sessionCost = Cost.between(before, afterSession.stats());
            System.out.printf("%nsession (reactions off): verdict after %.1f s (arena clock %.1f s), %s%n", sessionS,
                    (session.path("endedAt").asLong() - session.path("createdAt").asLong()) / 1e3, describe(session));
            System.out.printf("  LLM calls at the fake Ollama: %d by the verdict, %d in all (%.2f per agent per round); %s%n",
                    Cost.between(before, atVerdict).calls(), sessionCost.calls(),
                    sessionCost.calls() / (double) (agents * rounds), sessionCost);

            // 2. the same task as a free-for-all, reactions on, until the budgets run out and the room is quiet
            before = afterSession.stats();
            from = spectator.events.size();
            start = System.nanoTime();
            String taskId = postTask(arena, admin, task);
            Quiet ffa = awaitQuiet(spectator, fake, from, start, quietS);
            Cost ffaCost = Cost.between(before, ffa.stats());
            long answers = spectator.events.stream().filter(e -> "AGENT_RESPONSE".equals(e.path("type").asText())
                    && taskId.equals(e.at("/payload/taskId").asText())).count();
            System.out.printf("%nfree-for-all (reactions on): quiet after %.1f s (last thought or answer; %d s of silence "
                    + "checked), %d of %d agents answered, %d thoughts and answers in all%n", ffa.lastTrafficS(), quietS,
                    answers, agents, ffa.traffic());
            System.out.printf("  LLM calls at the fake Ollama: %d (%.2f per agent); %s%n", ffaCost.calls(),
                    ffaCost.calls() / (double) agents, ffaCost);

            System.out.printf("%nfree-for-all / session: %.2fx the time, %.2fx the LLM calls, %.2fx the generated tokens "
                            + "(the session ran %d rounds and reached a verdict; the free-for-all one task until its budgets ran out)%n",
                    ffa.lastTrafficS() / sessionS, ffaCost.calls() / (double) Math.max(1, sessionCost.calls()),
                    ffaCost.replyTokens() / (double) Math.max(1, sessionCost.replyTokens()), rounds);
        }
    }

    /** Chat calls the fake got, calls whose client hung up, tokens it read and wrote. */
    private record Cost(long calls, long aborted, long promptTokens, long replyTokens) {
        static Cost between(JsonNode a, JsonNode b) {
            return new Cost(b.path("chatCalls").asLong() - a.path("chatCalls").asLong(),
                    b.path("aborted").asLong() - a.path("aborted").asLong(),
                    b.path("promptTokens").asLong() - a.path("promptTokens").asLong(),
                    b.path("replyTokens").asLong() - a.path("replyTokens").asLong());
        }

        @Override
        public String toString() {
            return String.format("%d aborted by their caller, %d prompt tokens read, %d tokens generated", aborted, promptTokens,
                    replyTokens);
        }
    }

    /** @param lastTrafficS seconds from the start to the last thought or answer; traffic: how many came */
    private record Quiet(double lastTrafficS, long traffic, JsonNode stats) {
    }

    /** A plain lead task (the seed's POST /task: agents react to each other's thoughts); its taskId. */
    private static String postTask(String arena, Map<String, String> admin, String task) throws Exception {
        Participant.Reply posted = Participant.postJson(arena + "/task",
                Participant.JSON.createObjectNode().put("description", task).toString(), admin);
        if (posted.status() / 100 != 2) throw new IllegalStateException("POST /task: " + posted.status() + " " + posted.raw());
        return posted.body().path("taskId").asText();
    }

    private static JsonNode awaitVerdict(String arena, String id) throws Exception {
        long deadline = System.nanoTime() + MINUTES_10;
        while (System.nanoTime() < deadline) {
            JsonNode s = Participant.get(arena + "/sessions/" + id).body();
            String state = s.path("state").asText();
            if (state.equals("DONE") || state.equals("STOPPED")) return s;
            Thread.sleep(50);
        }
        throw new IllegalStateException("session " + id + " had no verdict after 10 minutes");
    }

    /**
     * Waits until, after the first thought or answer since event {@code from}, none arrived for {@code quietS}
     * seconds while the fake Ollama has nothing in flight (an agent still thinking would speak later).
     */
    private static Quiet awaitQuiet(Spectator spectator, String fake, int from, long start, int quietS) throws Exception {
        int seen = from;
        long traffic = 0;
        long lastAt = start;
        long deadline = System.nanoTime() + MINUTES_10;
        while (System.nanoTime() < deadline) {
            List<JsonNode> events = spectator.events;
            for (int i = seen; i < events.size(); i++) {
                if (ROOM_TRAFFIC.contains(events.get(i).path("type").asText())) {
                    traffic++;
                    lastAt = System.nanoTime();
                }
            }
            seen = events.size();
            JsonNode s = stats(fake);
            if (traffic > 0 && s.path("inFlight").asInt() == 0 && System.nanoTime() - lastAt >= quietS * 1_000_000_000L) {
                return new Quiet((lastAt - start) / 1e9, traffic, s);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the room was not quiet after 10 minutes");
    }

    /** Rounds with how they closed and how many answered; the verdict's majority and dissent. */
    private static String describe(JsonNode session) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode r : session.path("rounds")) {
            sb.append(String.format("round %d: %d/%d answered in %.1f s (%s); ", r.path("number").asInt(), r.path("answers").size(),
                    r.path("present").size(), (r.path("closedAt").asLong() - r.path("startedAt").asLong()) / 1e3,
                    r.path("closedBy").asText()));
        }
        JsonNode v = session.path("verdict");
        sb.append(v.path("majority").isNull() || v.path("majority").isMissingNode() ? "no majority"
                : String.format("majority \"%s\" %d/%d", v.path("majority").asText(), v.path("support").asInt(),
                        v.path("answered").asInt()));
        sb.append(String.format(", %d changed their mind; synthesis: %s", v.path("changedMind").size(),
                session.path("synthesis").isNull() ? session.path("synthesisNote").asText() : "written"));
        return sb.toString();
    }

    private static JsonNode stats(String fake) throws Exception {
        Participant.Reply r = Participant.get(fake + "/_fake/stats");
        if (r.status() != 200) throw new IllegalStateException("fake Ollama stats: " + r.status() + " " + r.raw());
        return r.body();
    }
}
