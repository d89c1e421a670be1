package dev.mowai.runner.component.wasi;

import dev.mowai.runner.component.host.HostCall;
import dev.mowai.runner.component.host.HostInterface;
import dev.mowai.runner.component.host.TypedHostFunction;
import dev.mowai.runner.component.types.ResourceType;
import dev.mowai.runner.component.types.Val;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A WASI host with a hand-driven clock and a recording log, called the way the linker calls it. */
final class WasiFixture {

    /** Time moves only when the test (or a sleeping host call) moves it. */
    static final class FakeClock implements WasiClock {
        long now = 1_000;
        Instant wall = Instant.parse("2026-11-24T12:00:00.123456789Z");
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long monotonicNanos() {
            return now;
        }

        @Override
        public Instant wallClock() {
            return wall;
        }

        @Override
        public void sleep(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    record Line(String level, String message) {
    }

    final FakeClock clock = new FakeClock();
    final List<Line> log = new ArrayList<>();
    final WasiHost host;
    final Map<String, HostInterface> interfaces = new LinkedHashMap<>();

    WasiFixture() {
        this(WasiConfig.DEFAULTS);
    }

    WasiFixture(WasiConfig config) {
        host = new WasiHost(config, (level, message) -> log.add(new Line(level, message)), clock);
        host.interfaces().forEach(i -> interfaces.put(i.name(), i));
    }

    Optional<Val> call(String iface, String function, Val... args) {
        HostInterface i = interfaces.get(iface);
        TypedHostFunction f = i.function(function).orElseThrow(() -> new AssertionError(iface + " has no " + function));
        if (f.type().params().size() != args.length) {
            throw new AssertionError(function + " takes " + f.type().params().size() + " arguments");
        }
        return f.implementation().call(new HostCall(iface + "@0.2.12", function), Arrays.asList(args));
    }

    Val value(String iface, String function, Val... args) {
        return call(iface, function, args).orElseThrow(() -> new AssertionError(function + " returned nothing"));
    }

    /** The payload of an own handle a function returned: the rep the canonical ABI would store. */
    static Val borrowOf(Val own) {
        Val.Own o = (Val.Own) own;
        return new Val.Borrow(o.type(), o.rep());
    }

    static Val borrow(ResourceType type, Object rep) {
        return new Val.Borrow(type, rep);
    }

    static Val okPayload(Val result) {
        Val.ResultVal r = (Val.ResultVal) result;
        if (!r.isOk()) {
            throw new AssertionError("expected ok, got " + result);
        }
        return r.payload().orElseThrow();
    }

    static Val errPayload(Val result) {
        Val.ResultVal r = (Val.ResultVal) result;
        if (r.isOk()) {
            throw new AssertionError("expected err, got " + result);
        }
        return r.payload().orElseThrow();
    }

    static Val bytes(String s) {
        return V.bytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    List<String> messages() {
        return log.stream().map(Line::message).toList();
    }
}
