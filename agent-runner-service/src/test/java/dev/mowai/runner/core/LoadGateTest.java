package dev.mowai.runner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoadGateTest {

    static final Duration LONG = Duration.ofMinutes(10);

    static LoadGate.Permit admitted(LoadGate.Admission a) {
        return assertInstanceOf(LoadGate.Admission.Admitted.class, a).permit();
    }

    /** Waits (without a deadline of its own) until the gate shows {@code n} waiting callers. */
    static void awaitWaiting(LoadGate gate, int n) throws InterruptedException {
        while (gate.waiting() != n) {
            Thread.sleep(5);
        }
    }

    @Test
    void slotsAreGrantedAtOnceUpToTheLimit() throws Exception {
        LoadGate gate = new LoadGate(2, 0);
        LoadGate.Permit a = admitted(gate.tryEnter(LONG));
        admitted(gate.tryEnter(LONG));
        assertEquals(2, gate.loading());
        LoadGate.Admission.QueueFull full = assertInstanceOf(LoadGate.Admission.QueueFull.class, gate.tryEnter(LONG));
        assertEquals(2, full.slots());
        assertEquals(0, full.queue());
        a.close();
        assertEquals(1, gate.loading());
        admitted(gate.tryEnter(LONG));
    }

    @Test
    void closingAPermitTwiceReleasesOneSlot() throws Exception {
        LoadGate gate = new LoadGate(1, 0);
        LoadGate.Permit p = admitted(gate.tryEnter(LONG));
        p.close();
        p.close();
        admitted(gate.tryEnter(LONG));
        assertInstanceOf(LoadGate.Admission.QueueFull.class, gate.tryEnter(LONG), "still one slot, not two");
    }

    @Test
    void aQueuedCallerGetsTheSlotWhenItFreesAndTheQueueIsBounded() throws Exception {
        LoadGate gate = new LoadGate(1, 1);
        LoadGate.Permit held = admitted(gate.tryEnter(LONG));
        CompletableFuture<LoadGate.Admission> queued = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.tryEnter(LONG);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitWaiting(gate, 1);
        assertInstanceOf(LoadGate.Admission.QueueFull.class, gate.tryEnter(LONG), "one slot busy, one caller queued");
        held.close();
        admitted(queued.get(1, TimeUnit.MINUTES)).close();
        assertEquals(0, gate.waiting());
        assertEquals(0, gate.loading());
    }

    @Test
    void aQueuedCallerGivesUpAfterItsWait() throws Exception {
        LoadGate gate = new LoadGate(1, 4);
        admitted(gate.tryEnter(LONG));
        LoadGate.Admission.WaitedTooLong late = assertInstanceOf(LoadGate.Admission.WaitedTooLong.class,
                gate.tryEnter(Duration.ofMillis(1)));
        assertEquals(Duration.ofMillis(1), late.waited());
        assertEquals(1, late.slots());
        assertEquals(0, gate.waiting(), "a caller that gave up leaves the queue");
    }

    @Test
    void restoreWaitsRegardlessOfTheQueueAndSharesTheSlots() throws Exception {
        LoadGate gate = new LoadGate(1, 0);
        LoadGate.Permit upload = admitted(gate.tryEnter(LONG));
        CompletableFuture<LoadGate.Permit> restore = CompletableFuture.supplyAsync(gate::enter);
        upload.close();
        LoadGate.Permit r = restore.get(1, TimeUnit.MINUTES);
        assertInstanceOf(LoadGate.Admission.QueueFull.class, gate.tryEnter(LONG), "the restore holds the slot");
        r.close();
        admitted(gate.tryEnter(LONG));
    }

    @Test
    void badSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LoadGate(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new LoadGate(1, -1));
        assertEquals(3, new LoadGate(3, 7).slots());
        assertEquals(7, new LoadGate(3, 7).queue());
    }
}
