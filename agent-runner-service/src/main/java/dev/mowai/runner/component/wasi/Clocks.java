package dev.mowai.runner.component.wasi;

import static dev.mowai.runner.component.wasi.Wit.U32;
import static dev.mowai.runner.component.wasi.Wit.U64;
import static dev.mowai.runner.component.wasi.Wit.fn;
import static dev.mowai.runner.component.wasi.Wit.own;
import static dev.mowai.runner.component.wasi.Wit.record;

import dev.mowai.runner.component.host.HostInterface;
import dev.mowai.runner.component.types.Val;
import dev.mowai.runner.component.types.ValType;
import java.time.Instant;
import java.util.List;

/** {@code wasi:clocks/monotonic-clock} and {@code wasi:clocks/wall-clock}. */
final class Clocks {
    static final ValType DATETIME = record("seconds", U64, "nanoseconds", U32);

    private Clocks() {
    }

    static List<HostInterface> interfaces(String version, WasiHost host) {
        WasiClock clock = host.clock();
        HostInterface monotonic = HostInterface.builder("wasi:clocks/monotonic-clock", version)
                .resource(Io.POLLABLE_RESOURCE)
                .function("now", fn().returns(U64), (c, a) -> V.ret(V.u64(clock.monotonicNanos())))
                .function("resolution", fn().returns(U64), (c, a) -> V.ret(V.u64(1)))
                .function("subscribe-instant", fn().param("when", U64).returns(own(Io.POLLABLE)),
                        (c, a) -> V.ret(V.own(Io.POLLABLE, new Pollable(clampInstant(V.u64Of(a.get(0)))))))
                .function("subscribe-duration", fn().param("when", U64).returns(own(Io.POLLABLE)),
                        (c, a) -> V.ret(V.own(Io.POLLABLE,
                                new Pollable(addSaturating(clock.monotonicNanos(), V.u64Of(a.get(0)))))))
                .build();
        HostInterface wall = HostInterface.builder("wasi:clocks/wall-clock", version)
                .function("now", fn().returns(DATETIME), (c, a) -> V.ret(datetime(clock.wallClock())))
                .function("resolution", fn().returns(DATETIME), (c, a) -> V.ret(V.record(V.u64(0), V.u32(1000))))
                .build();
        return List.of(monotonic, wall);
    }

    static Val datetime(Instant t) {
        if (t.getEpochSecond() < 0) { // datetime is unsigned: a clock set before 1970 reads as the epoch
            return V.record(V.u64(0), V.u32(0));
        }
        return V.record(V.u64(t.getEpochSecond()), V.u32(t.getNano()));
    }

    /** An unsigned instant beyond the signed range is "never" for our clock. */
    static long clampInstant(long unsignedWhen) {
        return unsignedWhen < 0 ? Long.MAX_VALUE : unsignedWhen;
    }

    static long addSaturating(long now, long unsignedDuration) {
        if (unsignedDuration < 0 || now > Long.MAX_VALUE - unsignedDuration) {
            return Long.MAX_VALUE;
        }
        return now + unsignedDuration;
    }
}
