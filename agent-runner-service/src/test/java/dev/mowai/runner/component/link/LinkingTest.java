package dev.mowai.runner.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.abi.BoundaryLimits;
import dev.mowai.runner.component.abi.Trap;
import dev.mowai.runner.component.binary.TestComponents;
import dev.mowai.runner.component.host.HostLinker;
import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.ResourceType;
import dev.mowai.runner.component.types.Val;
import dev.mowai.runner.component.types.ValType;
import dev.mowai.runner.component.types.ValType.Primitive;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Linking rules on hand-written components and the C agent: imports, resources, re-entrance, limits. */
class LinkingTest {
    private static ComponentRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = new ComponentRuntime(new RuntimeLimits(16L << 20, Duration.ofSeconds(60), BoundaryLimits.DEFAULT));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void listsEveryMissingOrMistypedImportAtOnce() {
        HostLinker partial = new HostLinker()
                .defineFunction("host-llm", new FuncType(List.of(new FuncType.Param("prompt", Primitive.U32)),
                        Optional.of(Primitive.STRING)), (c, a) -> Optional.empty())
                .defineFunction("now-ms", new FuncType(List.of(), Optional.of(Primitive.U64)), (c, a) -> Optional.empty());
        LinkException e = assertThrows(LinkException.class,
                () -> runtime.instantiate(TestAgents.load("c-reactor.wasm"), partial));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertEquals("import 'host-llm': parameter 1 'prompt': expected u32, found string (expected "
                + "func(prompt: u32) -> string, found func(prompt: string) -> string)", e.problems().get(0));
        assertTrue(e.problems().get(1).startsWith("import 'broadcast' is not provided by the host"), e.problems().get(1));
        assertTrue(e.getMessage().contains("'log'") && e.getMessage().contains("'get-config'"), e.getMessage());
    }

    @Test
    void missingWasiFunctionsAreNamed() {
        LinkException e = assertThrows(LinkException.class,
                () -> runtime.instantiate(TestAgents.load("c-wasi.wasm"), new WorldHost().linker()));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("import 'wasi:io/streams@0.2.12' is not provided")),
                e.getMessage());
    }

    @Test
    void guestDefinedResourcesCrossAsOwnAndBorrow() {
        try (ComponentInstance c = runtime.instantiate(TestComponents.load("resources.wasm"), new HostLinker())) {
            ValType.Own ownType = (ValType.Own) c.exports().get("make").result().orElseThrow();
            ResourceType r = ownType.resource();
            assertEquals("r", r.name());
            Val.Own handle = (Val.Own) c.call("make", List.of(new Val.U32(5))).orElseThrow();
            assertEquals(new Val.Own(r, 105), handle);
            assertEquals(Optional.of(new Val.U32(105)), c.call("get", List.of(new Val.Borrow(r, 105))));
            assertEquals(Optional.of(new Val.U32(0)), c.call("drops", List.of()));
            // ownership goes back into the guest, which drops it: the destructor runs with the rep
            assertEquals(Optional.of(new Val.U32(105)), c.call("consume", List.of(handle)));
            assertEquals(Optional.of(new Val.U32(1)), c.call("drops", List.of()));
            assertEquals(Optional.of(new Val.U32(105)), c.call("last", List.of()));
            // dropping a handle twice traps and poisons the instance
            Val.Own second = (Val.Own) c.call("make", List.of(new Val.U32(7))).orElseThrow();
            Trap trap = assertThrows(Trap.class, () -> c.call("drop-twice", List.of(second)));
            assertTrue(trap.getMessage().contains("invalid handle"), trap.getMessage());
            assertTrue(c.isPoisoned());
        }
    }

    @Test
    void reEnteringAnInstanceFromAHostCallTraps() {
        AtomicReference<ComponentInstance> self = new AtomicReference<>();
        HostLinker host = new HostLinker().defineFunction("callback", new FuncType(List.of(), Optional.empty()),
                (call, args) -> {
                    self.get().call("ping", List.of());
                    return Optional.empty();
                });
        try (ComponentInstance c = runtime.instantiate(TestComponents.load("reentrant.wasm"), host)) {
            self.set(c);
            assertEquals(Optional.of(new Val.U32(42)), c.call("ping", List.of()));
            Trap trap = assertThrows(Trap.class, () -> c.call("run", List.of()));
            assertTrue(trap.getMessage().contains("re-entrant call of 'ping' while 'run' is running"), trap.getMessage());
            assertTrue(c.isPoisoned());
        }
    }

    @Test
    void hostArgumentsThatDoNotFitLeaveTheInstanceUsable() {
        try (ComponentInstance c = runtime.instantiate(TestAgents.load("c-reactor.wasm"), new WorldHost().linker())) {
            assertThrows(Trap.class, () -> c.call("handle-task", List.of(new Val.U32(1))));
            assertThrows(IllegalArgumentException.class, () -> c.call("no-such-export", List.of()));
            assertFalse(c.isPoisoned());
            assertTrue(c.call("get-info", List.of()).isPresent());
        }
    }

    @Test
    void memoryAboveTheCapIsRefusedBeforeRunning() {
        LinkException e = assertThrows(LinkException.class,
                () -> runtime.instantiate(TestComponents.load("big-memory.wasm"), new HostLinker()));
        assertTrue(e.getMessage().contains("1 linear memory and its tables need at least 18.8 MiB at instantiation, "
                + "above the limit of 16 MiB for all memories and tables of an agent together"), e.getMessage());
    }

    @Test
    void theCapBoundsTheSumOverEveryInstanceOfAModule() {
        // 16 instances of a 256 MiB memory: 4 GiB of heap unless the sum is capped (it used to be per memory)
        try (ComponentRuntime roomy = new ComponentRuntime(new RuntimeLimits(256L << 20, Duration.ofSeconds(60), BoundaryLimits.DEFAULT))) {
            LinkException e = assertThrows(LinkException.class,
                    () -> roomy.instantiate(TestComponents.load("memory-x16.wasm"), new HostLinker()));
            assertTrue(e.getMessage().contains("the component's 16 linear memories and its tables need at least 4096 MiB"),
                    e.getMessage());
        }
    }

    @Test
    void trappingStartFunctionFailsInstantiation() {
        LinkException e = assertThrows(LinkException.class,
                () -> runtime.instantiate(TestComponents.load("start-trap.wasm"), new HostLinker()));
        assertTrue(e.getMessage().startsWith("instantiation failed: "), e.getMessage());
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    }

    @Test
    void endlessStartFunctionIsStoppedAtTheCallTimeLimit() {
        try (ComponentRuntime impatient = new ComponentRuntime(
                new RuntimeLimits(16L << 20, Duration.ofMillis(500), BoundaryLimits.DEFAULT))) {
            CallTimeoutException e = assertThrows(CallTimeoutException.class,
                    () -> impatient.instantiate(TestComponents.load("start-loop.wasm"), new HostLinker()));
            assertTrue(e.getMessage().contains("'instantiation' exceeded the time limit of 500 ms"), e.getMessage());
        }
    }

    @Test
    void nestedComponentsAreInstantiatedInTheSameContext() {
        try (ComponentInstance c = runtime.instantiate(TestComponents.load("nested-instantiate.wasm"), new HostLinker())) {
            assertEquals(Optional.of(new Val.U32(7)), c.call("f", List.of()));
        }
    }

    @Test
    void instancesAreIsolatedAndModulesShared() {
        WorldHost a = new WorldHost();
        WorldHost b = new WorldHost();
        byte[] bytes = TestAgents.load("c-reactor.wasm");
        try (ComponentInstance first = runtime.instantiate(bytes, a.linker());
             ComponentInstance second = runtime.instantiate(bytes, b.linker())) {
            first.call("handle-task", List.of(new Val.Str("one")));
            second.call("handle-task", List.of(new Val.Str("two")));
            assertEquals(List.of("As contrarian, answer: one"), a.prompts);
            assertEquals(List.of("As contrarian, answer: two"), b.prompts);
        }
    }
}
