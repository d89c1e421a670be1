package dev.mowai.runner.component.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.binary.Component;
import dev.mowai.runner.component.binary.ComponentParser;
import dev.mowai.runner.component.binary.Definition;
import dev.mowai.runner.component.binary.ParseLimits;
import dev.mowai.runner.component.binary.TestComponents;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryPlanTest {
    private static final long MIB = 1 << 20;

    private static Component parse(byte[] bytes) {
        return new ComponentParser(ParseLimits.DEFAULT).parse(bytes);
    }

    private static List<Definition.CoreModule> modules(Component c) {
        return c.definitions().stream().filter(d -> d instanceof Definition.CoreModule)
                .map(d -> (Definition.CoreModule) d).toList();
    }

    @Test
    void sixteenInstancesOfA256MibMemoryDoNotFitIn256Mib() {
        LinkException e = assertThrows(LinkException.class,
                () -> MemoryPlan.of(parse(TestComponents.load("memory-x16.wasm")), 256 * MIB));
        assertTrue(e.getMessage().contains("16 linear memories and its tables need at least 4096 MiB at instantiation, "
                + "above the limit of 256 MiB"), e.getMessage());
        // with 4 GiB for the agent they fit exactly, none can grow
        assertEquals(4096 * MIB, MemoryPlan.of(parse(TestComponents.load("memory-x16.wasm")), 4096 * MIB).ceilingBytes());
    }

    @Test
    void instancesOfAModuleShareTheCapAndADeclaredSmallMaximumIsKept() {
        Component c = parse(TestComponents.load("memory-shared.wasm"));
        MemoryPlan plan = MemoryPlan.of(c, 16 * MIB);
        Definition.CoreModule grows = modules(c).get(0);
        Definition.CoreModule fixed = modules(c).get(1);
        assertArrayEquals(new long[] {2}, plan.caps(fixed).memoryPages(), "declared maximum below its share");
        long pages = plan.caps(grows).memoryPages()[0];
        long elements = plan.caps(grows).tableElements()[0];
        // 4 instances of the growing module split what the fixed memory leaves
        long total = 4 * (pages * RuntimeLimits.PAGE + elements * MemoryPlan.TABLE_ELEMENT_BYTES) + 2 * RuntimeLimits.PAGE;
        assertEquals(total, plan.ceilingBytes());
        assertTrue(total <= 16 * MIB && total > 15 * MIB, "the cap is used, not exceeded: " + total);
        assertEquals(4 * (RuntimeLimits.PAGE + MemoryPlan.TABLE_ELEMENT_BYTES) + RuntimeLimits.PAGE, plan.initialBytes());
        assertEquals(4 * pages * RuntimeLimits.PAGE + 2 * RuntimeLimits.PAGE, plan.memoryCeilingBytes());
    }

    @Test
    void aUsualAgentGetsTheWholeCapForItsMainMemory() {
        Component c = parse(TestAgents.load("c-reactor.wasm"));
        MemoryPlan plan = MemoryPlan.of(c, 256 * MIB);
        // main memory (2 pages, no maximum) and two fixed tables (1 and 4 elements)
        assertEquals(256 * MIB - RuntimeLimits.PAGE + 5 * MemoryPlan.TABLE_ELEMENT_BYTES, plan.ceilingBytes());
        assertEquals(4095, plan.caps(modules(c).get(0)).memoryPages()[0]);
    }
}
