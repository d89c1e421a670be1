package dev.mowai.runner.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.abi.BoundaryLimits;
import dev.mowai.runner.component.host.HostLinker;
import dev.mowai.runner.component.types.Val;
import dev.mowai.runner.component.wasi.WasiConfig;
import dev.mowai.runner.component.wasi.WasiHost;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every real test agent, built by its real toolchain, through every export of the agent world. The
 * JS agent is covered by its WASI build (four core modules, shim and fixup, 65 WASI imports).
 */
class AgentComponentsTest {
    private static ComponentRuntime runtime;

    @BeforeAll
    static void start() {
        // generous call limit: the SpiderMonkey agent runs cold (interpreted until the JIT warms up)
        runtime = new ComponentRuntime(new RuntimeLimits(256L << 20, Duration.ofMinutes(5), BoundaryLimits.DEFAULT));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"c-reactor", "c-freestanding", "rust", "c-wasi", "rust-wasi", "js-wasi"})
    void runsTheAgentWorld(String agent) {
        WorldHost world = new WorldHost();
        HostLinker linker = world.linker();
        boolean wasi = agent.endsWith("-wasi");
        WasiHost wasiHost = new WasiHost(WasiConfig.DEFAULTS, (level, message) -> world.logs.add(level + ": " + message));
        if (wasi) {
            wasiHost.defineAll(linker);
        }
        try (ComponentInstance instance = runtime.instantiate(TestAgents.load(agent + ".wasm"), linker)) {
            instance.call("on-init", List.of());
            wasiHost.flushOutput();
            assertTrue(world.logs.contains("info: init Ada"), world.logs.toString());

            Val info = instance.call("get-info", List.of()).orElseThrow();
            String version = (agent.startsWith("js") ? "js" : agent) + " 1.0.0";
            assertEquals(new Val.RecordVal(List.of(new Val.Str("Ada"), new Val.Str(version), new Val.Str("#ff8800"),
                    new Val.Str("contrarian"))), info);

            String task = "Which planet? 🌍 é";
            assertEquals(Optional.of(new Val.Str("Ada says: echo: As contrarian, answer: " + task)),
                    instance.call("handle-task", List.of(new Val.Str(task))));
            assertEquals(List.of("As contrarian, answer: " + task), world.prompts);
            assertTrue(world.broadcasts.containsAll(List.of("Ada is thinking about: " + task, "clock ok")),
                    world.broadcasts.toString());

            // strings far beyond one page cross both ways: 1 MiB (64 KiB for the slow cold JS engine)
            int repeat = agent.startsWith("js") ? 8192 : 131072;
            String big = "é🌍ab".repeat(repeat);
            assertEquals(Optional.of(new Val.Str("Ada says: echo: " + big)),
                    instance.call("handle-task", List.of(new Val.Str("@big " + repeat))));
            assertEquals(big, world.prompts.getLast());

            instance.call("on-peer-thought", List.of(new Val.Str("5f0c-peer"), new Val.Str("I disagree 🌍")));
            assertEquals("Ada hears 5f0c-peer: I disagree 🌍", world.broadcasts.getLast());
            assertTrue(world.logs.contains("debug: thought from 5f0c-peer"), world.logs.toString());
        }
    }
}
