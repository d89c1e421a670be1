package dev.mowai.runner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

    @Test
    void reservationsUpToTheCapacityAndBackWhenClosed() {
        MemoryBudget budget = new MemoryBudget(100);
        MemoryBudget.Lease a = budget.tryReserve(60).orElseThrow();
        assertTrue(budget.fits(40));
        assertFalse(budget.fits(41));
        assertTrue(budget.tryReserve(41).isEmpty(), "refused, and nothing reserved");
        assertEquals(60, budget.reserved());
        MemoryBudget.Lease b = budget.tryReserve(40).orElseThrow();
        assertEquals(2, budget.leases());
        a.close();
        a.close(); // twice is harmless
        assertEquals(40, budget.reserved());
        assertEquals(1, budget.leases());
        b.close();
        assertEquals(0, budget.reserved());
        assertTrue(budget.tryReserve(100).isPresent());
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new MemoryBudget(0));
        assertThrows(IllegalArgumentException.class, () -> new MemoryBudget(10).tryReserve(-1));
    }
}
