package dev.mowai.runner.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.abi.Trap;
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
            assertEquals(List.of("on-init", "get-info", "handle-task", "on-peer-thought"),
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
}
