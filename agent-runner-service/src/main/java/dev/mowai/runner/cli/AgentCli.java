package dev.mowai.runner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.runner.component.abi.BoundaryLimits;
import dev.mowai.runner.component.agent.Agent;
import dev.mowai.runner.component.agent.AgentConfig;
import dev.mowai.runner.component.agent.AgentFailure;
import dev.mowai.runner.component.agent.AgentInfo;
import dev.mowai.runner.component.agent.AgentLimits;
import dev.mowai.runner.component.agent.AgentRuntime;
import dev.mowai.runner.component.wasi.WasiConfig;
import dev.mowai.runner.component.wasi.WasiHost;
import dev.mowai.runner.core.AgentCell;
import dev.mowai.runner.core.LlmPort;
import dev.mowai.runner.core.SkillFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./mowai agent check FILE.wasm} and {@code ./mowai agent run FILE.wasm --task TEXT ...}:
 * the participant's way to try an agent component locally, without the arena or a model.
 * Exit status: 0 success, 1 the component failed (message on stderr), 2 bad usage.
 */
public final class AgentCli {
    static final String USAGE = """
            usage: mowai agent check FILE.wasm
                   mowai agent run FILE.wasm (--task TEXT | --task-file PATH) [--name N] [--color C]
                                   [--persona P] [--peer ID=TEXT]... [--timeout-ms MS] [--memory-mb MB]
                                   [--max-string-bytes N] [--gateway URL]
            """;

    private final PrintStream out;
    private final PrintStream err;

    AgentCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int status = new AgentCli(out, err).run(args);
        out.flush();
        System.exit(status);
    }

    /** Bad command-line input; the message says which option. */
    public static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /**
     * The options of {@code run} (and the file of both commands). {@code gateway}: the inference gateway that
     * answers host-llm, or null for the offline echo.
     */
    public record Options(Path file, String task, AgentConfig config, List<String[]> peers, AgentLimits limits, String gateway) {}

    /** The X-Mowai-Agent of {@code agent run --gateway}: a gateway queues these calls apart from the runner's agents. */
    static final String GATEWAY_AGENT_ID = "mowai-agent-run";

    int run(String[] args) {
        try {
            if (args.length == 0) {
                throw new UsageException("missing command");
            }
            return switch (args[0]) {
                case "check" -> check(parse(args, false));
                case "run" -> runAgent(parse(args, true));
                case "help", "--help", "-h" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            err.println("mowai agent: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (AgentFailure e) {
            err.println("mowai agent: " + e.kind().name().toLowerCase().replace('_', ' ') + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("mowai agent: " + (e instanceof NoSuchFileException ? "no such file: " + e.getMessage() : e.toString()));
            return 1;
        } catch (RuntimeException e) {
            err.println("mowai agent: internal error: " + e);
            return 1;
        }
    }

    private int check(Options o) throws IOException {
        try (AgentRuntime runtime = runtime(o.limits())) {
            AgentRuntime.Checked checked = runtime.check(Files.readAllBytes(o.file()));
            out.print(checked.report().render());
            return checked.report().ok() ? 0 : 1;
        }
    }

    private int runAgent(Options o) throws IOException {
        byte[] bytes = Files.readAllBytes(o.file());
        try (AgentRuntime runtime = runtime(o.limits())) {
            RecordingHost host = o.gateway() == null ? new RecordingHost(o.config()) : gatewayHost(o);
            try {
                out.println(new ObjectMapper().writeValueAsString(runOnce(runtime, bytes, o, host)));
                return 0;
            } catch (AgentFailure e) {
                // What the agent logged before it failed often says why (a JS exception is only an
                // "unreachable" trap to the host, but the agent may have logged it first).
                err.println("mowai agent: " + e.kind().name().toLowerCase().replace('_', ' ') + ": " + e.getMessage());
                host.flushOutput();
                if (!host.logs().isEmpty()) {
                    err.println("the agent's log before that:");
                    host.logs().forEach(line -> err.println("  " + line.level() + ": " + line.message().replace("\n", "\n    ")));
                }
                return 1;
            }
        }
    }

    /** host-llm answered by the gateway, with the persona's SKILL.md as system prompt as in the runner. */
    private RecordingHost gatewayHost(Options o) throws IOException {
        CliGateway gateway = new CliGateway(o.gateway(), o.limits().callTimeout());
        String system = systemPrompt(o.config().persona());
        err.println("mowai agent: host-llm goes to " + gateway.completions());
        return new RecordingHost(o.config(), prompt -> switch (gateway.complete(GATEWAY_AGENT_ID, system, prompt)) {
            case LlmPort.Reply.Ok ok -> ok.text();
            case LlmPort.Reply.Failed failed -> { // the agent gets the runner's error text, the person the reason
                err.println("mowai agent: host-llm failed: " + failed.reason());
                yield AgentCell.ERROR_PREFIX + failed.reason();
            }
        });
    }

    /** The persona's SKILL.md body from the personas folder ({@code -Dmowai.personas-dir}, else personas or ../personas). */
    static String systemPrompt(String persona) throws IOException {
        String configured = System.getProperty("mowai.personas-dir", "personas");
        for (Path dir : List.of(Path.of(configured), Path.of("..").resolve(configured))) {
            Path skill = dir.resolve(persona).resolve("SKILL.md");
            if (persona.matches("[a-z0-9][a-z0-9-]*") && Files.isRegularFile(skill)
                    && SkillFile.parse(Files.readString(skill)) instanceof SkillFile.Parsed.Ok ok) {
                return ok.skill().body();
            }
        }
        return SkillFile.fallbackPrompt(persona);
    }

    /**
     * The runtime of the command line: the world imports plus the sandboxed WASI host, as in the
     * runner (no files, network, environment; stdout lines are {@code info} logs, stderr {@code error}).
     */
    public static AgentRuntime runtime(AgentLimits limits) {
        return new AgentRuntime(limits, (linker, host) -> {
            WasiHost wasi = new WasiHost(WasiConfig.DEFAULTS.withMaxBlock(limits.callTimeout()), host::log);
            wasi.defineAll(linker);
            if (host instanceof RecordingHost recording) {
                recording.setOutputFlusher(wasi::flushOutput);
            }
        });
    }

    /**
     * Instantiates, calls on-init, get-info, on-peer-thought per peer (in order) and handle-task;
     * returns the JSON object of {@code run}: info, result, broadcasts, logs, llmPrompts.
     */
    public static Map<String, Object> runOnce(AgentRuntime runtime, byte[] component, Options o) {
        return runOnce(runtime, component, o, new RecordingHost(o.config()));
    }

    private static Map<String, Object> runOnce(AgentRuntime runtime, byte[] component, Options o, RecordingHost host) {
        try (Agent agent = runtime.load(component, host)) {
            agent.onInit();
            host.flushOutput();
            AgentInfo info = agent.getInfo();
            host.flushOutput();
            for (String[] peer : o.peers()) {
                agent.onPeerThought(peer[0], peer[1]);
                host.flushOutput();
            }
            String result = agent.handleTask(o.task());
            host.flushOutput();
            Map<String, Object> infoJson = new LinkedHashMap<>();
            infoJson.put("name", info.name());
            infoJson.put("version", info.version());
            infoJson.put("color", info.color());
            infoJson.put("persona", info.persona());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("info", infoJson);
            json.put("result", result);
            json.put("broadcasts", host.broadcasts());
            json.put("logs", host.logs());
            json.put("llmPrompts", host.llmPrompts());
            return json;
        }
    }

    public static Options parse(String[] args, boolean isRun) throws UsageException, IOException {
        Path file = null;
        String task = null;
        String name = "agent";
        String color = "#888888";
        String persona = "default";
        List<String[]> peers = new ArrayList<>();
        AgentLimits limits = AgentLimits.DEFAULT;
        String gateway = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                if (file != null) {
                    throw new UsageException("more than one component file: " + file + " and " + a);
                }
                file = Path.of(a);
                continue;
            }
            if (!isRun) {
                throw new UsageException("check takes no option " + a);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--task" -> task = requireOnce(task, v, "--task");
                case "--task-file" -> task = requireOnce(task, Files.readString(Path.of(v)), "--task-file");
                case "--name" -> name = v;
                case "--color" -> color = v;
                case "--persona" -> persona = v;
                case "--gateway" -> gateway = v;
                case "--peer" -> {
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("--peer expects ID=TEXT, got: " + v);
                    }
                    peers.add(new String[] {v.substring(0, eq), v.substring(eq + 1)});
                }
                case "--timeout-ms" -> limits = limits.withCallTimeout(Duration.ofMillis(positive(a, v)));
                case "--memory-mb" -> {
                    long mb = positive(a, v);
                    if (mb > 4096) {
                        throw new UsageException("--memory-mb is at most 4096 (a 32-bit memory), got: " + v);
                    }
                    limits = limits.withMaxMemoryBytes(mb << 20);
                }
                case "--max-string-bytes" -> {
                    BoundaryLimits b = limits.boundary();
                    limits = limits.withBoundary(new BoundaryLimits(positive(a, v), b.maxListLength(), b.maxTotalBytes()));
                }
                default -> throw new UsageException("unknown option " + a);
            }
        }
        if (file == null) {
            throw new UsageException("missing the component file (FILE.wasm)");
        }
        if (isRun && task == null) {
            throw new UsageException("give the task with --task TEXT or --task-file PATH");
        }
        return new Options(file, task, new AgentConfig(name, color, persona), peers, limits, gateway);
    }

    private static String requireOnce(String current, String value, String option) throws UsageException {
        if (current != null) {
            throw new UsageException("the task was given twice (" + option + ")");
        }
        return value;
    }

    private static long positive(String option, String v) throws UsageException {
        try {
            long n = Long.parseLong(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " expects a positive whole number, got: " + v);
    }
}
