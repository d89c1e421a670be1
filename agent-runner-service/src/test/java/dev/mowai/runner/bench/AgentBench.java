package dev.mowai.runner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.runner.component.agent.Agent;
import dev.mowai.runner.component.agent.AgentConfig;
import dev.mowai.runner.component.agent.AgentHost;
import dev.mowai.runner.component.agent.AgentLimits;
import dev.mowai.runner.component.agent.AgentRuntime;
import dev.mowai.runner.fixtures.TestAgents;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./mowai bench agent}: our runtime (GraalWasm, JIT on) against Node + jco transpile on the
 * same components, in the same run: instantiation with cached modules (plus on-init), and a
 * handle-task round trip whose host-llm answers at once. Prints a table with the ratios.
 *
 * <p>Args: [INSTANTIATIONS] [CALLS] [AGENT...] (defaults 20, 2000, c-reactor js).
 */
public final class AgentBench {
    private static final AgentConfig CONFIG = new AgentConfig("bench", "#888888", "default");
    /** GraalWasm compiles hot code after a few seconds; measure only after that. */
    private static final long WARMUP_NANOS = 8_000_000_000L;

    /** The world host with nothing in the way: host-llm answers immediately. */
    static final class ImmediateHost implements AgentHost {
        long broadcasts;

        @Override
        public String hostLlm(String prompt) {
            return "echo: " + prompt;
        }

        @Override
        public void broadcast(String message) {
            broadcasts++;
        }

        @Override
        public long nowMs() {
            return System.currentTimeMillis();
        }

        @Override
        public void log(String level, String message) {
        }

        @Override
        public AgentConfig getConfig() {
            return CONFIG;
        }
    }

    record Numbers(double instantiateMs, double handleTaskUs) {}

    public static void main(String[] args) throws Exception {
        int instantiations = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        List<String> agents = args.length > 2 ? List.of(args).subList(2, args.length) : List.of("c-reactor", "js");
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-16s %14s %14s %7s %16s %16s %7s%n",
                "agent", "inst ms (java)", "inst ms (node)", "ratio", "task µs (java)", "task µs (node)", "ratio"));
        try (AgentRuntime runtime = new AgentRuntime(AgentLimits.DEFAULT)) {
            for (String name : agents) {
                Path file = TestAgents.path(name);
                Numbers java = measureJava(runtime, Files.readAllBytes(file), instantiations, calls);
                Numbers node = measureNode(file, instantiations, calls);
                table.append(String.format(Locale.ROOT, "%-16s %14.2f %14.2f %7.2f %16.1f %16.1f %7.2f%n", name,
                        java.instantiateMs(), node.instantiateMs(), java.instantiateMs() / node.instantiateMs(),
                        java.handleTaskUs(), node.handleTaskUs(), java.handleTaskUs() / node.handleTaskUs()));
            }
        }
        System.out.println();
        System.out.print(table);
        System.out.println("ratio = java / node (below 1: we are faster). Instantiation includes on-init; modules cached.");
    }

    static Numbers measureJava(AgentRuntime runtime, byte[] bytes, int instantiations, int calls) {
        AgentRuntime.Checked checked = runtime.check(bytes);
        long warmEnd = System.nanoTime() + WARMUP_NANOS / 2;
        do {
            instantiate(runtime, checked, 1);
        } while (System.nanoTime() < warmEnd);
        long t0 = System.nanoTime();
        instantiate(runtime, checked, instantiations);
        double instantiateMs = (System.nanoTime() - t0) / 1e6 / instantiations;

        try (Agent agent = runtime.instantiate(checked, new ImmediateHost())) {
            agent.onInit();
            warmEnd = System.nanoTime() + WARMUP_NANOS;
            int i = 0;
            do {
                agent.handleTask("bench task " + (i++ % 10));
            } while (System.nanoTime() < warmEnd || i < calls);
            long t1 = System.nanoTime();
            for (int k = 0; k < calls; k++) {
                agent.handleTask("bench task " + (k % 10));
            }
            return new Numbers(instantiateMs, (System.nanoTime() - t1) / 1e3 / calls);
        }
    }

    private static void instantiate(AgentRuntime runtime, AgentRuntime.Checked checked, int n) {
        for (int i = 0; i < n; i++) {
            try (Agent agent = runtime.instantiate(checked, new ImmediateHost())) {
                agent.onInit();
            }
        }
    }

    static Numbers measureNode(Path file, int instantiations, int calls) throws Exception {
        Path script = TestAgents.moduleDir().resolve("src/test/node/bench-agent.mjs");
        Process p = new ProcessBuilder("node", script.toString(), file.toString(), String.valueOf(instantiations),
                String.valueOf(calls)).directory(TestAgents.moduleDir().toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("node bench failed for " + file + " (exit " + p.exitValue() + ")");
        }
        JsonNode json = new ObjectMapper().readTree(out);
        return new Numbers(json.get("instantiateMs").asDouble(), json.get("handleTaskUs").asDouble());
    }
}
