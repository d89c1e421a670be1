package dev.mowai.arena.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PendingBudgetTest {

    @Test
    void perAddressThenTotal() {
        PendingBudget b = new PendingBudget(2, 3);
        assertTrue(b.take("a").isEmpty());
        assertTrue(b.take("a").isEmpty());
        assertEquals(429, b.take("a").orElseThrow().status());
        assertEquals(429, b.refusal("a").orElseThrow().status());
        assertTrue(b.take("b").isEmpty());
        PendingBudget.Refusal all = b.take("c").orElseThrow();
        assertEquals(503, all.status());
        assertEquals("more than 3 agent sockets have not sent AGENT_CONNECT", all.reason());
        assertEquals(3, b.pending());
    }

    @Test
    void releasingGivesThePlaceBackOnce() {
        PendingBudget b = new PendingBudget(1, 10);
        b.take("a");
        b.release("a");
        b.release("a"); // a second release of the same place is ignored
        b.release("never-took");
        assertEquals(0, b.pending());
        assertTrue(b.take("a").isEmpty());
        assertEquals("more than 1 agent sockets from a have not sent AGENT_CONNECT", b.refusal("a").orElseThrow().reason());
    }

    @Test
    void aRefusedTakeTakesNothing() {
        PendingBudget b = new PendingBudget(1, 1);
        b.take("a");
        b.take("a");
        b.take("b");
        assertEquals(1, b.pending());
        b.release("a");
        assertTrue(b.take("b").isEmpty());
    }
}
