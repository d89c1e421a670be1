package dev.mowai.runner.component.wasi;

import static dev.mowai.runner.component.wasi.WasiFixture.borrowOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.abi.Trap;
import dev.mowai.runner.component.types.Val;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollAndClocksTest {
    static final String MONO = "wasi:clocks/monotonic-clock";
    static final String POLL = "wasi:io/poll";
    final WasiFixture f = new WasiFixture();

    @Test
    void monotonicClockReadsTheInstanceClock() {
        assertEquals(V.u64(1_000), f.value(MONO, "now"));
        f.clock.now = 5_000;
        assertEquals(V.u64(5_000), f.value(MONO, "now"));
        assertEquals(V.u64(1), f.value(MONO, "resolution"));
    }

    @Test
    void wallClockGivesSecondsAndNanoseconds() {
        Instant t = f.clock.wall;
        assertEquals(V.record(V.u64(t.getEpochSecond()), V.u32(123456789)), f.value("wasi:clocks/wall-clock", "now"));
        f.clock.wall = Instant.parse("1969-12-31T23:59:59Z");
        assertEquals(V.record(V.u64(0), V.u32(0)), f.value("wasi:clocks/wall-clock", "now"), "clamped at the epoch");
        assertEquals(V.record(V.u64(0), V.u32(1000)), f.value("wasi:clocks/wall-clock", "resolution"));
    }

    @Test
    void durationPollableBecomesReadyAndBlockWaitsForIt() {
        Val p = borrowOf(f.value(MONO, "subscribe-duration", V.u64(2_000_000)));
        assertEquals(V.bool(false), f.value(POLL, "[method]pollable.ready", p));
        f.call(POLL, "[method]pollable.block", p);
        assertEquals(List.of(2_000_000L), f.clock.sleeps);
        assertEquals(V.bool(true), f.value(POLL, "[method]pollable.ready", p));
        f.call(POLL, "[method]pollable.block", p);
        assertEquals(1, f.clock.sleeps.size(), "a ready pollable does not wait");
    }

    @Test
    void instantPollableInThePastIsReady() {
        Val p = borrowOf(f.value(MONO, "subscribe-instant", V.u64(10)));
        assertEquals(V.bool(true), f.value(POLL, "[method]pollable.ready", p));
    }

    @Test
    void pollReturnsTheReadyIndicesAfterWaitingForTheEarliest() {
        Val late = borrowOf(f.value(MONO, "subscribe-duration", V.u64(9_000)));
        Val soon = borrowOf(f.value(MONO, "subscribe-duration", V.u64(3_000)));
        Val soonToo = borrowOf(f.value(MONO, "subscribe-instant", V.u64(1_000 + 3_000)));
        Val ready = f.value(POLL, "poll", V.list(List.of(late, soon, soonToo)));
        assertEquals(V.list(List.of(V.u32(1), V.u32(2))), ready);
        assertEquals(List.of(3_000L), f.clock.sleeps);
        Val stream = borrowOf(f.value("wasi:io/streams", "[method]output-stream.subscribe",
                borrowOf(f.value("wasi:cli/stdout", "get-stdout"))));
        assertEquals(V.list(List.of(V.u32(1))), f.value(POLL, "poll", V.list(List.of(late, stream))));
        assertEquals(1, f.clock.sleeps.size(), "a ready stream pollable means no wait");
    }

    @Test
    void pollOfNothingTraps() {
        Trap t = assertThrows(Trap.class, () -> f.call(POLL, "poll", V.list(List.of())));
        assertTrue(t.getMessage().contains("at least one"), t.getMessage());
    }

    @Test
    void waitingLongerThanTheLimitTrapsWithoutWaiting() {
        WasiFixture limited = new WasiFixture(WasiConfig.DEFAULTS.withMaxBlock(Duration.ofSeconds(1)));
        Val hour = borrowOf(limited.value(MONO, "subscribe-duration", V.u64(3_600_000_000_000L)));
        Trap t = assertThrows(Trap.class, () -> limited.call(POLL, "[method]pollable.block", hour));
        assertTrue(t.getMessage().contains("3600.000 s") && t.getMessage().contains("1.000 s"), t.getMessage());
        assertThrows(Trap.class, () -> limited.call(POLL, "poll", V.list(List.of(hour))));
        assertTrue(limited.clock.sleeps.isEmpty());
        Val never = borrowOf(limited.value(MONO, "subscribe-duration", V.u64(-1)));
        assertThrows(Trap.class, () -> limited.call(POLL, "[method]pollable.block", never));
        Val farInstant = borrowOf(limited.value(MONO, "subscribe-instant", V.u64(-5)));
        assertEquals(V.bool(false), limited.value(POLL, "[method]pollable.ready", farInstant));
    }

    @Test
    void anInterruptEndsTheWaitWithATrap() throws Exception {
        WasiHost real = new WasiHost(WasiConfig.DEFAULTS, (l, m) -> { });
        var poll = real.interfaces().stream().filter(i -> i.name().equals(POLL)).findFirst().orElseThrow();
        var mono = real.interfaces().stream().filter(i -> i.name().equals(MONO)).findFirst().orElseThrow();
        var call = new dev.mowai.runner.component.host.HostCall("x", "y");
        Val p = borrowOf(mono.function("subscribe-duration").orElseThrow().implementation()
                .call(call, List.of(V.u64(20_000_000_000L))).orElseThrow());
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                poll.function("[method]pollable.block").orElseThrow().implementation().call(call, List.of(p));
            } catch (Throwable e) {
                thrown[0] = e;
            }
        });
        t.start();
        t.interrupt();
        t.join(10_000);
        assertTrue(thrown[0] instanceof Trap && thrown[0].getMessage().contains("interrupted"), String.valueOf(thrown[0]));
    }
}
