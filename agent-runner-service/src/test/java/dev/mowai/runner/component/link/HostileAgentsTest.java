package dev.mowai.runner.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.abi.BoundaryLimits;
import dev.mowai.runner.component.abi.Trap;
import dev.mowai.runner.component.types.Val;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Misbehaving guests: each is stopped by the limit it attacks, and only that instance is lost. */
class HostileAgentsTest {
    private static final long MEMORY_CAP = 16L << 20;
    private static ComponentRuntime runtime;
    private static ComponentRuntime impatient;

    @BeforeAll
    static void start() {
        runtime = new ComponentRuntime(new RuntimeLimits(MEMORY_CAP, Duration.ofSeconds(60), BoundaryLimits.DEFAULT));
        impatient = new ComponentRuntime(new RuntimeLimits(MEMORY_CAP, Duration.ofMillis(1500), BoundaryLimits.DEFAULT));
    }

    @AfterAll
    static void stop() {
        runtime.close();
        impatient.close();
    }

    private static ComponentInstance hostile(String kind, WorldHost world) {
        return hostile(runtime, kind, world);
    }

    private static ComponentInstance hostile(ComponentRuntime runtime, String kind, WorldHost world) {
        ComponentInstance instance = runtime.instantiate(TestAgents.load("hostile-" + kind + ".wasm"), world.linker());
        instance.call("on-init", List.of());
        return instance;
    }

    private static Trap failsAndPoisons(ComponentInstance instance) {
        Trap trap = assertThrows(Trap.class, () -> instance.call("handle-task", List.of(new Val.Str("go"))));
        assertTrue(instance.isPoisoned());
        Trap again = assertThrows(Trap.class, () -> instance.call("get-info", List.of()));
        assertTrue(again.getMessage().contains("unusable since an earlier call failed"), again.getMessage());
        return trap;
    }

    @Test
    void infiniteLoopIsStoppedAtTheCallTimeLimit() {
        try (ComponentInstance instance = hostile(impatient, "loop", new WorldHost())) {
            Trap trap = failsAndPoisons(instance);
            assertInstanceOf(CallTimeoutException.class, trap);
            assertTrue(trap.getMessage().contains("exceeded the time limit of 1500 ms"), trap.getMessage());
        }
        // the runtime is unaffected: a fresh instance works
        try (ComponentInstance ok = impatient.instantiate(TestAgents.load("c-freestanding.wasm"), new WorldHost().linker())) {
            assertTrue(ok.call("get-info", List.of()).isPresent());
        }
    }

    @Test
    void memoryBombStopsAtTheMemoryCap() {
        try (ComponentInstance instance = hostile("membomb", new WorldHost())) {
            Val result = instance.call("handle-task", List.of(new Val.Str("go"))).orElseThrow();
            String text = ((Val.Str) result).value();
            int pages = Integer.parseInt(text.replaceAll("\\D", ""));
            assertEquals("memory bomb stopped at " + pages + " pages", text);
            // the cap bounds memory and tables together: the tables' few elements cost the memory its last page
            assertEquals(MEMORY_CAP / RuntimeLimits.PAGE - 1, pages);
            // the agent survived its own bomb
            assertTrue(instance.call("get-info", List.of()).isPresent());
        }
    }

    @Test
    void outOfBoundsResultPointerTraps() {
        try (ComponentInstance instance = hostile("oob-pointer", new WorldHost())) {
            Trap trap = failsAndPoisons(instance);
            assertTrue(trap.getMessage().contains("string of 4096 bytes at 0xffffff00 ends beyond guest memory"),
                    trap.getMessage());
        }
    }

    @Test
    void invalidUtf8ResultTraps() {
        try (ComponentInstance instance = hostile("bad-utf8", new WorldHost())) {
            Trap trap = failsAndPoisons(instance);
            assertTrue(trap.getMessage().toLowerCase().contains("utf-8"), trap.getMessage());
        }
    }

    @Test
    void unboundedRecursionTraps() {
        try (ComponentInstance instance = hostile("recursion", new WorldHost())) {
            Trap trap = failsAndPoisons(instance);
            assertTrue(trap.getMessage().startsWith("guest trapped in 'handle-task'")
                    || trap.getMessage().contains("exhausted"), trap.getMessage());
        }
    }

    @Test
    void floodOfHostCallsCompletes() {
        WorldHost world = new WorldHost();
        try (ComponentInstance instance = hostile("flood", world)) {
            assertEquals(Optional.of(new Val.Str("flood done")), instance.call("handle-task", List.of(new Val.Str("go"))));
            assertEquals(100_000, world.broadcasts.stream().filter(b -> b.startsWith("flood ")).count());
        }
    }
}
