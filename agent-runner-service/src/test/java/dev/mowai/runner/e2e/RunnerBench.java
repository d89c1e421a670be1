package dev.mowai.runner.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Benchmark (not a test): how many agents one runner holds and how long a task takes until every
 * agent has answered. {@code ./mowai bench runner [c|js|FILE] [COUNTS]} starts the services and runs it;
 * by hand, point it at running services (gateway on the echo backend):
 * <pre>
 *   java -cp ... dev.mowai.runner.e2e.RunnerBench http://127.0.0.1:8081 http://127.0.0.1:8080 SECRET c-reactor.wasm 10,100,1000
 * </pre>
 * For each count it tops the runner up to that many agents of the given component (uploaded over
 * REST, timing the uploads), posts a task to the arena, and reports the time until a spectator has
 * seen every agent's response, plus the runner's heap (from {@code /q/metrics}; when the runner's pid
 * is given as a sixth argument, after a full GC asked for with {@code jcmd}, so the figure is live data).
 */
public final class RunnerBench {

    private RunnerBench() {
    }

    public static void main(String[] args) throws Exception {
        String runner = args[0];
        String arena = args[1];
        String secret = args[2];
        byte[] wasm = Files.readAllBytes(Path.of(args[3]));
        List<Integer> counts = new ArrayList<>();
        for (String c : args[4].split(",")) {
            counts.add(Integer.parseInt(c));
        }
        List<String> ids = new ArrayList<>();
        Step baseline = null;
        int uploaded = 0;
        try (Spectator spectator = new Spectator(arena.replace("http", "ws"))) {
            for (int target : counts) {
                long t0 = System.nanoTime();
                while (ids.size() < target) {
                    Map<String, Object> parts = new LinkedHashMap<>();
                    parts.put("wasm", wasm);
                    parts.put("name", "bench-" + ids.size());
                    parts.put("color", "#00aa00");
                    parts.put("skill", ("---\nname: bench\ndescription: benchmark persona\n---\n"
                            + "You answer in one short sentence.\n").getBytes());
                    Participant.Reply r = Participant.upload(runner + "/agents", parts, Map.of());
                    if (r.status() != 201) {
                        throw new IllegalStateException("upload " + ids.size() + " failed: " + r.status() + " " + r.raw());
                    }
                    ids.add(r.body().get("id").asText());
                }
                double uploadS = (System.nanoTime() - t0) / 1e9;
                awaitSeats(arena, target);
                Participant.Reply task = Participant.postJson(arena + "/task",
                        "{\"description\":\"Benchmark task for " + target + " agents\"}", Map.of("X-Admin-Secret", secret));
                String taskId = task.body().get("taskId").asText();
                long start = System.nanoTime();
                Set<String> answered = new HashSet<>();
                long deadline = start + 600_000_000_000L;
                long firstAt = 0;
                while (answered.size() < target && System.nanoTime() < deadline) {
                    for (JsonNode e : spectator.events) {
                        if ("AGENT_RESPONSE".equals(e.path("type").asText()) && taskId.equals(e.at("/payload/taskId").asText())
                                && answered.add(e.path("agentId").asText()) && firstAt == 0) {
                            firstAt = System.nanoTime();
                        }
                    }
                    Thread.sleep(20);
                }
                double allS = (System.nanoTime() - start) / 1e9;
                if (args.length > 5) {
                    collectGarbage(args[5]);
                }
                double heap = heapMiB(runner);
                if (baseline == null) {
                    baseline = new Step(target, allS, heap);
                }
                // The first count is the baseline of this run: how task time and heap grow with the agents.
                System.out.printf("agents=%d uploads=%.1fs (%.1f ms each) answered=%d/%d firstAnswer=%.3fs allAnswered=%.3fs"
                        + " (%.1fx the %d-agent step) heapUsed=%.0f MiB (%.2f MiB per agent above the %d-agent step)%n",
                        target, uploadS, 1000 * uploadS / Math.max(1, target - uploaded), answered.size(), target,
                        firstAt == 0 ? -1 : (firstAt - start) / 1e9, allS, allS / baseline.allAnsweredS(), baseline.agents(), heap,
                        target == baseline.agents() ? 0 : (heap - baseline.heapMiB()) / (target - baseline.agents()), baseline.agents());
                uploaded = target;
                if (answered.size() < target) {
                    System.out.printf("only %d of %d agents answered within 10 minutes%n", answered.size(), target);
                    System.exit(1);
                }
            }
        }
    }

    static void awaitSeats(String arena, int n) throws Exception {
        for (int i = 0; i < 6000; i++) {
            JsonNode roster = Participant.get(arena + "/agents").body();
            if (roster != null && roster.size() >= n) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the arena roster never reached " + n);
    }

    private record Step(int agents, double allAnsweredS, double heapMiB) {
    }

    private static void collectGarbage(String pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), pid, "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + pid + " GC.run failed");
        }
    }

    private static double heapMiB(String runner) throws Exception {
        String metrics = Participant.get(runner + "/q/metrics").raw();
        double used = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return used / (1 << 20);
    }
}
