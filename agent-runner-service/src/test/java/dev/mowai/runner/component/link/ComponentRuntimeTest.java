package dev.mowai.runner.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.abi.Trap;
import dev.mowai.runner.component.binary.ComponentParser;
import dev.mowai.runner.component.host.HostLinker;
import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.Val;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ComponentRuntimeTest {
    private static ComponentRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = new ComponentRuntime(RuntimeLimits.DEFAULT);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void cReactorAgentRoundTrip() {
        WorldHost host = new WorldHost();
        try (ComponentInstance agent = runtime.instantiate(TestAgents.load("c-reactor.wasm"), host.linker())) {
            // in the order of the seed's WIT, which c-reactor is built from
            assertEquals(List.of("handle-task", "get-info", "on-init", "on-peer-thought"),
                    List.copyOf(agent.exports().keySet()));
            agent.call("on-init", List.of());
            assertEquals(List.of("info: init Ada"), host.logs);
            Val info = agent.call("get-info", List.of()).orElseThrow();
            assertEquals(new Val.RecordVal(List.of(new Val.Str("Ada"), new Val.Str("c-reactor 1.0.0"),
                    new Val.Str("#ff8800"), new Val.Str("contrarian"))), info);
            Optional<Val> result = agent.call("handle-task", List.of(new Val.Str("Name a planet 🌍 é")));
            assertEquals(Optional.of(new Val.Str("Ada says: echo: As contrarian, answer: Name a planet 🌍 é")), result);
            assertEquals(List.of("As contrarian, answer: Name a planet 🌍 é"), host.prompts);
            assertEquals(List.of("Ada is thinking about: Name a planet 🌍 é", "clock ok"), host.broadcasts);
            agent.call("on-peer-thought", List.of(new Val.Str("peer-1"), new Val.Str("hello")));
            assertEquals("Ada hears peer-1: hello", host.broadcasts.getLast());
        }
    }

    /** wasmtime's InstancePre: resolved and checked once, instantiated again after every trap. */
    @Test
    void aPreparedComponentIsInstantiatedAgainWithoutCheckingAgain() {
        PreparedComponent prepared = ComponentRuntime.prepare(
                new ComponentParser().parse(TestAgents.load("hostile-oob-pointer.wasm")), new WorldHost().linker());
        for (int round = 0; round < 3; round++) {
            WorldHost host = new WorldHost();
            try (ComponentInstance agent = runtime.instantiate(prepared, host.linker())) {
                agent.call("on-init", List.of());
                assertThrows(Trap.class, () -> agent.call("handle-task", List.of(new Val.Str("x"))));
                assertEquals(List.of("info: init Ada", "info: task: x"), host.logs);
            }
        }
        // nothing is checked again, so a host providing other imports is refused outright
        HostLinker other = new HostLinker().defineFunction("host-llm", new FuncType(List.of(), Optional.empty()),
                (call, args) -> Optional.empty());
        LinkException e = assertThrows(LinkException.class, () -> runtime.instantiate(prepared, other));
        assertEquals("this host does not provide the same imports as the one the component was prepared against: "
                + "prepare it for this host", e.getMessage());
    }
}
