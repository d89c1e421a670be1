package dev.mowai.runner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.runner.component.agent.Agent;
import dev.mowai.runner.component.agent.AgentConfig;
import dev.mowai.runner.component.agent.AgentFailure;
import dev.mowai.runner.component.agent.AgentHost;
import dev.mowai.runner.component.agent.AgentLimits;
import dev.mowai.runner.component.agent.AgentRuntime;
import dev.mowai.runner.component.wasi.WasiConfig;
import dev.mowai.runner.component.wasi.WasiHost;
import dev.mowai.runner.fixtures.TestAgents;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./mowai bench agent} and {@code ./mowai bench wasi-agent}: our runtime (GraalWasm, JIT on)
 * against Node + jco transpile on the same components, in the same run, same measurements
 * (src/test/node/bench-agent.mjs is the Node side):
 * <ul>
 *   <li>upload: what a participant waits for after an upload. Each upload is new bytes (a unique
 *       custom section appended to every core module), so no module cache helps: parse and check,
 *       GraalWasm parse + instantiate, on-init; then the first handle-task. The first upload of the
 *       process is reported apart (JVM / V8 not warm yet);
 *   <li>warm instantiation (+ on-init) of a component already uploaded (modules cached);
 *   <li>a handle-task round trip once warm, host-llm answering at once;
 *   <li>memory per live agent (heap after GC, process RSS);
 *   <li>strings of 1 KiB to 1 MiB echoed through the agent once warm, one call each (issue 16: cost
 *       must be linear in the size): {@code peer} = on-peer-thought whose content comes back in a
 *       broadcast, {@code llm} = handle-task {@code "@big N"} (the guest builds the string, host-llm
 *       echoes it, the result carries it), {@code task} = handle-task with a task of that size (it
 *       goes through host-llm into the result; the JS agent also splits it into code points for
 *       its log line). A call stopped by the call time limit is reported as NaN.
 * </ul>
 * Args: {@code [--wasi] [INSTANTIATIONS] [CALLS] [AGENT...]}; {@code --wasi} gives each agent the WASI
 * host (defaults js-wasi, 10, 500), else the world imports only (defaults c-reactor js template-js,
 * 20, 2000). System properties {@code bench.uploads} (3) and {@code bench.retained} (5).
 */
public final class AgentBench {
    private static final AgentConfig CONFIG = new AgentConfig("bench", "#888888", "default");
    /** GraalWasm compiles hot code after a few seconds; measure only after that. */
    private static final long WARMUP_NANOS = 8_000_000_000L;

    /** The world host with nothing in the way: host-llm answers immediately. */
    static final class ImmediateHost implements AgentHost {
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

    /** The echo sizes in utf-8 bytes, and the paths they take (see the class comment). */
    private static final int[] ECHO_BYTES = {1 << 10, 10 << 10, 100 << 10, 1 << 20};
    private static final List<String> ECHO_PATHS = List.of("peer", "llm", "task");
    /** One side's numbers, in the JSON names of bench-agent.mjs, and their labels. */
    private static final Map<String, String> LABELS = labels();
    private static final List<String> ROWS = List.copyOf(LABELS.keySet());

    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("uploadFirstMs", "upload ms, first in process");
        labels.put("uploadMs", "upload ms (new bytes)");
        labels.put("firstTaskMs", "first handle-task ms");
        labels.put("warmMs", "warm instantiate ms");
        labels.put("handleTaskUs", "handle-task µs (warm)");
        labels.put("heapPerAgentMB", "heap per agent MiB");
        labels.put("rssPerAgentMB", "RSS per agent MiB");
        for (String path : ECHO_PATHS) {
            for (int bytes : ECHO_BYTES) {
                String size = bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
                labels.put(echoKey(path, bytes), "echo " + path + " " + size + " ms");
            }
        }
        return labels;
    }

    /** The JSON name of an echo row, the same in bench-agent.mjs: echoPeer1024Ms. */
    private static String echoKey(String path, int bytes) {
        return "echo" + Character.toUpperCase(path.charAt(0)) + path.substring(1) + bytes + "Ms";
    }

    public static void main(String[] argv) throws Exception {
        List<String> args = new ArrayList<>(List.of(argv));
        boolean wasi = args.remove("--wasi");
        int instantiations = args.isEmpty() ? (wasi ? 10 : 20) : Integer.parseInt(args.removeFirst());
        int calls = args.isEmpty() ? (wasi ? 500 : 2000) : Integer.parseInt(args.removeFirst());
        List<String> agents = !args.isEmpty() ? args : wasi ? List.of("js-wasi") : List.of("c-reactor", "js", "template-js");
        int uploads = Integer.getInteger("bench.uploads", 3);
        int retained = Integer.getInteger("bench.retained", 5);

        StringBuilder report = new StringBuilder();
        try (AgentRuntime runtime = wasi
                ? new AgentRuntime(AgentLimits.DEFAULT, (linker, host) -> new WasiHost(WasiConfig.DEFAULTS, host::log).defineAll(linker))
                : new AgentRuntime(AgentLimits.DEFAULT)) {
            for (String name : agents) {
                Path file = TestAgents.path(name);
                byte[] bytes = Files.readAllBytes(file);
                Measured java = measureJava(runtime, bytes, instantiations, calls, uploads, retained);
                JsonNode node = measureNode(file, wasi, instantiations, calls, uploads, retained);
                report.append(String.format(Locale.ROOT, "%n%s (%d bytes, %s host): %d instantiations, %d calls, %d uploads, %d retained%n",
                        name, bytes.length, wasi ? "WASI" : "world", instantiations, calls, uploads, retained));
                report.append(String.format(Locale.ROOT, "%-30s %12s %12s %8s%n", "", "java", "node", "ratio"));
                for (String row : ROWS) {
                    double j = java.numbers.get(row);
                    double n = node.get(row).asDouble();
                    report.append(String.format(Locale.ROOT, "%-30s %12.2f %12.2f %8.2f%n", LABELS.get(row), j, n, j / n));
                }
                report.append(String.format(Locale.ROOT, "java upload phases ms: check %.1f, instantiate %.1f, on-init %.1f%n",
                        java.checkMs, java.instantiateMs, java.onInitMs));
            }
        }
        long maxHeap = Runtime.getRuntime().maxMemory() >> 20;
        System.out.print(report);
        System.out.printf(Locale.ROOT, "%nratio = java / node (below 1: we are faster or smaller). JVM heap -Xmx %d MiB.%n"
                + "Node's upload excludes jco transpile (cached); ours includes parse and check.%n", maxHeap);
    }

    /** Numbers by JSON name, plus the phases of an upload (mean over the uploads after the first). */
    private record Measured(Map<String, Double> numbers, double checkMs, double instantiateMs, double onInitMs) {}

    static Measured measureJava(AgentRuntime runtime, byte[] bytes, int instantiations, int calls, int uploads,
                                int retained) throws InterruptedException {
        Map<String, Double> out = new LinkedHashMap<>();
        double[] phases = new double[3];
        double later = 0;
        double firstTasks = 0;
        for (int u = 0; u < Math.max(1, uploads); u++) {
            long t0 = System.nanoTime();
            AgentRuntime.Checked upload = runtime.check(Uploads.fresh(bytes, u));
            long t1 = System.nanoTime();
            try (Agent agent = runtime.instantiate(upload, new ImmediateHost())) {
                long t2 = System.nanoTime();
                agent.onInit();
                long t3 = System.nanoTime();
                agent.handleTask("bench task");
                firstTasks += (System.nanoTime() - t3) / 1e6;
                if (u == 0) {
                    out.put("uploadFirstMs", (t3 - t0) / 1e6);
                }
                if (u > 0 || uploads <= 1) {
                    later += (t3 - t0) / 1e6;
                    phases[0] += (t1 - t0) / 1e6;
                    phases[1] += (t2 - t1) / 1e6;
                    phases[2] += (t3 - t2) / 1e6;
                }
            }
        }
        int laterCount = Math.max(1, uploads - 1);
        out.put("uploadMs", later / laterCount);
        out.put("firstTaskMs", firstTasks / Math.max(1, uploads));

        AgentRuntime.Checked checked = runtime.check(bytes);
        long warmEnd = System.nanoTime() + WARMUP_NANOS / 2;
        do {
            instantiate(runtime, checked, 1);
        } while (System.nanoTime() < warmEnd);
        long t0 = System.nanoTime();
        instantiate(runtime, checked, instantiations);
        out.put("warmMs", (System.nanoTime() - t0) / 1e6 / instantiations);

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
            out.put("handleTaskUs", (System.nanoTime() - t1) / 1e3 / calls);
        }
        measureEchoes(runtime, checked, out);

        int k = Math.max(1, retained);
        List<Agent> keep = new ArrayList<>();
        long heap0 = usedHeapAfterGc();
        long rss0 = rss();
        for (int i = 0; i < k; i++) {
            Agent a = runtime.instantiate(checked, new ImmediateHost());
            a.onInit();
            keep.add(a);
        }
        out.put("heapPerAgentMB", (usedHeapAfterGc() - heap0) / (double) k / (1 << 20));
        out.put("rssPerAgentMB", (rss() - rss0) / (double) k / (1 << 20));
        keep.forEach(Agent::close);
        return new Measured(out, phases[0] / laterCount, phases[1] / laterCount, phases[2] / laterCount);
    }

    /**
     * One call per path and size, each path after 3 warm-up calls of the smallest size (as in
     * bench-agent.mjs); a call the limit stops discards the agent, so the next one gets a new agent.
     */
    private static void measureEchoes(AgentRuntime runtime, AgentRuntime.Checked checked, Map<String, Double> out) {
        Agent agent = null;
        try {
            for (String path : ECHO_PATHS) {
                for (int bytes : ECHO_BYTES) {
                    if (agent == null || !agent.usable() || bytes == ECHO_BYTES[0]) {
                        agent = warmedUp(runtime, checked, agent, path);
                    }
                    long t0 = System.nanoTime();
                    try {
                        echo(agent, path, bytes);
                        out.put(echoKey(path, bytes), (System.nanoTime() - t0) / 1e6);
                    } catch (AgentFailure e) {
                        System.err.println("echo " + path + " " + bytes + ": " + e.getMessage());
                        out.put(echoKey(path, bytes), Double.NaN);
                    }
                }
            }
        } finally {
            if (agent != null) {
                agent.close();
            }
        }
    }

    /** {@code agent} (a new one when it is null or discarded) after 3 echoes of the smallest size along {@code path}. */
    private static Agent warmedUp(AgentRuntime runtime, AgentRuntime.Checked checked, Agent agent, String path) {
        if (agent == null || !agent.usable()) {
            if (agent != null) {
                agent.close();
            }
            agent = runtime.instantiate(checked, new ImmediateHost());
            agent.onInit();
        }
        for (int i = 0; i < 3; i++) {
            echo(agent, path, ECHO_BYTES[0]);
        }
        return agent;
    }

    /** One echo of {@code bytes} utf-8 bytes (ASCII, or "é🌍ab" for llm) along {@code path}. */
    private static void echo(Agent agent, String path, int bytes) {
        switch (path) {
            case "peer" -> agent.onPeerThought("peer", "x".repeat(bytes));
            case "llm" -> expectLength(agent.handleTask("@big " + bytes / 8), bytes);
            default -> expectLength(agent.handleTask("x".repeat(bytes)), bytes);
        }
    }

    /** The result must carry the whole string (the agent adds a short prefix). */
    private static void expectLength(String result, int bytes) {
        if (result.getBytes(StandardCharsets.UTF_8).length < bytes) {
            throw new IllegalStateException("the echo lost bytes: " + result.length() + " chars for " + bytes + " bytes");
        }
    }

    private static void instantiate(AgentRuntime runtime, AgentRuntime.Checked checked, int n) {
        for (int i = 0; i < n; i++) {
            try (Agent agent = runtime.instantiate(checked, new ImmediateHost())) {
                agent.onInit();
            }
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Resident set size of this process (Linux), to count memory outside the Java heap too. */
    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException e) {
            // not Linux: RSS is reported as 0
        }
        return 0;
    }

    static JsonNode measureNode(Path file, boolean wasi, int instantiations, int calls, int uploads, int retained)
            throws Exception {
        Path script = TestAgents.moduleDir().resolve("src/test/node/bench-agent.mjs");
        List<String> command = new ArrayList<>(List.of("node", "--expose-gc", script.toString(), file.toString(),
                String.valueOf(instantiations), String.valueOf(calls), String.valueOf(retained), String.valueOf(uploads)));
        if (wasi) {
            command.add("--wasi");
        }
        Process p = new ProcessBuilder(command).directory(TestAgents.moduleDir().toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("node bench failed for " + file + " (exit " + p.exitValue() + "): " + out);
        }
        return new ObjectMapper().readTree(out);
    }
}
