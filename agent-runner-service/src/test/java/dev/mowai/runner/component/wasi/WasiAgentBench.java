package dev.mowai.runner.component.wasi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.runner.component.agent.Agent;
import dev.mowai.runner.component.agent.AgentConfig;
import dev.mowai.runner.component.agent.AgentHost;
import dev.mowai.runner.component.agent.AgentLimits;
import dev.mowai.runner.component.agent.AgentRuntime;
import dev.mowai.runner.fixtures.TestAgents;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The default-feature JS agent (js-wasi, ≈12 MB, SpiderMonkey, 65 WASI imports) on our runtime
 * with the WASI host, against Node + jco + preview2-shim in the same run: cold instantiation (fresh
 * engine: parse, compile, instantiate, on-init), warm instantiation (cached modules), a handle-task
 * round trip, and the memory each live agent costs (heap after GC, and process RSS), from which
 * the agents fitting in the JVM's heap follow. A runnable main, not a test:
 * {@code java … WasiAgentBench [INSTANTIATIONS] [CALLS] [RETAINED] [AGENT]}.
 */
public final class WasiAgentBench {
    private static final AgentConfig CONFIG = new AgentConfig("bench", "#888888", "default");

    static final class QuietHost implements AgentHost {
        @Override
        public String hostLlm(String prompt) {
            return "echo: " + prompt;
        }

        @Override
        public void broadcast(String message) {
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

    public static void main(String[] args) throws Exception {
        int instantiations = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int retained = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String name = args.length > 3 ? args[3] : "js-wasi";
        Path file = TestAgents.path(name);
        byte[] bytes = Files.readAllBytes(file);

        List<Agent> keep = new ArrayList<>();
        double coldMs;
        double warmMs;
        double taskUs;
        double heapPerAgentMB;
        double rssPerAgentMB;
        try (AgentRuntime runtime = new AgentRuntime(AgentLimits.DEFAULT, (linker, host) ->
                new WasiHost(WasiConfig.DEFAULTS, host::log).defineAll(linker))) {
            long t0 = System.nanoTime();
            AgentRuntime.Checked checked = runtime.check(bytes);
            Agent first = runtime.instantiate(checked, new QuietHost());
            first.onInit();
            coldMs = (System.nanoTime() - t0) / 1e6;

            t0 = System.nanoTime();
            for (int i = 0; i < instantiations; i++) {
                try (Agent a = runtime.instantiate(checked, new QuietHost())) {
                    a.onInit();
                }
            }
            warmMs = (System.nanoTime() - t0) / 1e6 / instantiations;

            for (int i = 0; i < calls; i++) {
                first.handleTask("bench task " + (i % 10)); // warm-up: let the JIT compile the hot paths
            }
            t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                first.handleTask("bench task " + (i % 10));
            }
            taskUs = (System.nanoTime() - t0) / 1e3 / calls;

            long heap0 = usedHeapAfterGc();
            long rss0 = rss();
            for (int i = 0; i < retained; i++) {
                Agent a = runtime.instantiate(checked, new QuietHost());
                a.onInit();
                keep.add(a);
            }
            heapPerAgentMB = (usedHeapAfterGc() - heap0) / (double) retained / (1 << 20);
            rssPerAgentMB = (rss() - rss0) / (double) retained / (1 << 20);
            keep.forEach(Agent::close);
            first.close();
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        JsonNode node = node(file, instantiations, calls, retained);
        System.out.println();
        System.out.printf(Locale.ROOT, "%s (%d bytes), %d instantiations, %d calls, %d retained agents%n", name, bytes.length,
                instantiations, calls, retained);
        System.out.printf(Locale.ROOT, "%-26s %12s %12s %8s%n", "", "java", "node", "ratio");
        row("cold instantiate ms", coldMs, node.get("coldMs").asDouble());
        row("warm instantiate ms", warmMs, node.get("warmMs").asDouble());
        row("handle-task µs", taskUs, node.get("handleTaskUs").asDouble());
        row("heap per agent MiB", heapPerAgentMB, node.get("heapPerAgentMB").asDouble());
        row("RSS per agent MiB", rssPerAgentMB, node.get("rssPerAgentMB").asDouble());
        System.out.printf(Locale.ROOT, "agents fitting in this JVM's heap (-Xmx %d MiB): about %d%n", maxHeap >> 20,
                heapPerAgentMB > 0 ? (long) ((maxHeap >> 20) / heapPerAgentMB) : -1);
        System.out.println("ratio = java / node (below 1: we are faster or smaller)");
    }

    private static void row(String what, double java, double node) {
        System.out.printf(Locale.ROOT, "%-26s %12.2f %12.2f %8.2f%n", what, java, node, java / node);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Resident set size of this process (Linux), to count memory outside the Java heap too. */
    private static long rss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    private static JsonNode node(Path file, int instantiations, int calls, int retained) throws Exception {
        Path script = TestAgents.moduleDir().resolve("src/test/node/bench-wasi-agent.mjs");
        Process p = new ProcessBuilder("node", "--expose-gc", script.toString(), file.toString(),
                String.valueOf(instantiations), String.valueOf(calls), String.valueOf(retained))
                .directory(TestAgents.moduleDir().toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("node bench failed (exit " + p.exitValue() + "): " + out);
        }
        return new ObjectMapper().readTree(out);
    }
}
