package dev.mowai.runner.component.wasi;

import static dev.mowai.runner.component.wasi.Wit.U64;
import static dev.mowai.runner.component.wasi.Wit.U8;
import static dev.mowai.runner.component.wasi.Wit.fn;
import static dev.mowai.runner.component.wasi.Wit.list;
import static dev.mowai.runner.component.wasi.Wit.tuple;

import dev.mowai.runner.component.abi.Trap;
import dev.mowai.runner.component.host.HostCall;
import dev.mowai.runner.component.host.HostInterface;
import java.util.List;
import java.util.function.Consumer;

/** {@code wasi:random/random}, {@code wasi:random/insecure} and {@code wasi:random/insecure-seed}. */
final class Random {
    private Random() {
    }

    static List<HostInterface> interfaces(String version, WasiHost host) {
        int max = host.config().maxRandomBytes();
        HostInterface random = HostInterface.builder("wasi:random/random", version)
                .function("get-random-bytes", fn().param("len", U64).returns(list(U8)),
                        (c, a) -> V.ret(V.bytes(bytes(c, V.u64Of(a.get(0)), max, host.secureRandom()::nextBytes))))
                .function("get-random-u64", fn().returns(U64), (c, a) -> V.ret(V.u64(host.secureRandom().nextLong())))
                .build();
        HostInterface insecure = HostInterface.builder("wasi:random/insecure", version)
                .function("get-insecure-random-bytes", fn().param("len", U64).returns(list(U8)),
                        (c, a) -> V.ret(V.bytes(bytes(c, V.u64Of(a.get(0)), max, host.insecureRandom()::nextBytes))))
                .function("get-insecure-random-u64", fn().returns(U64),
                        (c, a) -> V.ret(V.u64(host.insecureRandom().nextLong())))
                .build();
        HostInterface seed = HostInterface.builder("wasi:random/insecure-seed", version)
                .function("insecure-seed", fn().returns(tuple(U64, U64)), (c, a) -> {
                    long[] s = host.insecureSeed();
                    return V.ret(V.tuple(V.u64(s[0]), V.u64(s[1])));
                })
                .build();
        return List.of(random, insecure, seed);
    }

    private static byte[] bytes(HostCall call, long len, int max, Consumer<byte[]> fill) {
        if (Long.compareUnsigned(len, max) > 0) {
            throw new Trap(call.describe() + ": the agent asked for " + Long.toUnsignedString(len)
                    + " random bytes; one call may ask for at most " + max);
        }
        byte[] out = new byte[(int) len];
        fill.accept(out);
        return out;
    }
}
