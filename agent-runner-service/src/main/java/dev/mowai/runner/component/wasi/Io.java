package dev.mowai.runner.component.wasi;

import static dev.mowai.runner.component.wasi.Wit.BOOL;
import static dev.mowai.runner.component.wasi.Wit.STRING;
import static dev.mowai.runner.component.wasi.Wit.U32;
import static dev.mowai.runner.component.wasi.Wit.U64;
import static dev.mowai.runner.component.wasi.Wit.U8;
import static dev.mowai.runner.component.wasi.Wit.borrow;
import static dev.mowai.runner.component.wasi.Wit.fn;
import static dev.mowai.runner.component.wasi.Wit.list;
import static dev.mowai.runner.component.wasi.Wit.method;
import static dev.mowai.runner.component.wasi.Wit.methodName;
import static dev.mowai.runner.component.wasi.Wit.own;
import static dev.mowai.runner.component.wasi.Wit.result;
import static dev.mowai.runner.component.wasi.Wit.unit;
import static dev.mowai.runner.component.wasi.Wit.variant;
import static dev.mowai.runner.component.wasi.Wit.with;

import dev.mowai.runner.component.abi.Trap;
import dev.mowai.runner.component.host.HostInterface;
import dev.mowai.runner.component.host.HostResource;
import dev.mowai.runner.component.types.ResourceType;
import dev.mowai.runner.component.types.Val;
import dev.mowai.runner.component.types.ValType;
import java.util.ArrayList;
import java.util.List;

/** {@code wasi:io/error}, {@code wasi:io/poll} and {@code wasi:io/streams}. */
final class Io {
    static final ResourceType ERROR = new ResourceType("error");
    static final ResourceType POLLABLE = new ResourceType("pollable");
    static final ResourceType INPUT_STREAM = new ResourceType("input-stream");
    static final ResourceType OUTPUT_STREAM = new ResourceType("output-stream");

    static final HostResource ERROR_RESOURCE = HostResource.withoutDestructor(ERROR);
    static final HostResource POLLABLE_RESOURCE = HostResource.withoutDestructor(POLLABLE);
    static final HostResource INPUT_STREAM_RESOURCE = HostResource.withoutDestructor(INPUT_STREAM);
    /** Dropping stdout or stderr delivers its pending partial line. */
    static final HostResource OUTPUT_STREAM_RESOURCE =
            new HostResource(OUTPUT_STREAM, rep -> ((OutputStreamRep) rep).dropped());

    static final ValType STREAM_ERROR = variant(with("last-operation-failed", own(ERROR)), unit("closed"));
    static final int CLOSED = 1;

    private static final ValType BYTES = list(U8);
    private static final ValType RESULT_BYTES = result(BYTES, STREAM_ERROR);
    private static final ValType RESULT_U64 = result(U64, STREAM_ERROR);
    private static final ValType RESULT_UNIT = result(null, STREAM_ERROR);

    private Io() {
    }

    static Val closed() {
        return V.err(V.variant(CLOSED));
    }

    static HostInterface error(String version) {
        return HostInterface.builder("wasi:io/error", version)
                .resource(ERROR_RESOURCE)
                .function(methodName(ERROR, "to-debug-string"), method(ERROR).returns(STRING),
                        (c, a) -> V.ret(V.str(V.rep(a.get(0), IoError.class).message())))
                .build();
    }

    static HostInterface poll(String version, WasiHost host) {
        return HostInterface.builder("wasi:io/poll", version)
                .resource(POLLABLE_RESOURCE)
                .function(methodName(POLLABLE, "ready"), method(POLLABLE).returns(BOOL),
                        (c, a) -> V.ret(V.bool(V.rep(a.get(0), Pollable.class).ready(host.clock()))))
                .function(methodName(POLLABLE, "block"), method(POLLABLE).none(), (c, a) -> {
                    host.waitUntil(V.rep(a.get(0), Pollable.class).readyAtNanos(), c.describe());
                    return V.NOTHING;
                })
                .function("poll", fn().param("in", list(borrow(POLLABLE))).returns(list(U32)),
                        (c, a) -> V.ret(poll(host, V.listOf(a.get(0)), c.describe())))
                .build();
    }

    /** Indices of the ready pollables, waiting for the earliest one when none is ready yet. */
    private static Val poll(WasiHost host, List<Val> in, String where) {
        if (in.isEmpty()) {
            throw new Trap(where + ": poll needs at least one pollable");
        }
        List<Pollable> pollables = new ArrayList<>(in.size());
        long earliest = Long.MAX_VALUE;
        for (Val v : in) {
            Pollable p = V.rep(v, Pollable.class);
            pollables.add(p);
            earliest = Math.min(earliest, p.readyAtNanos());
        }
        host.waitUntil(earliest, where);
        List<Val> ready = new ArrayList<>();
        for (int i = 0; i < pollables.size(); i++) {
            if (pollables.get(i).ready(host.clock())) {
                ready.add(V.u32(i));
            }
        }
        return V.list(ready);
    }

    static HostInterface streams(String version) {
        HostInterface.Builder b = HostInterface.builder("wasi:io/streams", version)
                .resource(ERROR_RESOURCE)
                .resource(POLLABLE_RESOURCE)
                .resource(INPUT_STREAM_RESOURCE)
                .resource(OUTPUT_STREAM_RESOURCE);
        // input-stream: stdin is empty, so every read reports the end of the stream
        b.function(methodName(INPUT_STREAM, "read"), method(INPUT_STREAM).param("len", U64).returns(RESULT_BYTES),
                (c, a) -> V.ret(read(V.rep(a.get(0), InputStreamRep.class), V.u64Of(a.get(1)))));
        b.function(methodName(INPUT_STREAM, "blocking-read"), method(INPUT_STREAM).param("len", U64).returns(RESULT_BYTES),
                (c, a) -> V.ret(read(V.rep(a.get(0), InputStreamRep.class), V.u64Of(a.get(1)))));
        b.function(methodName(INPUT_STREAM, "skip"), method(INPUT_STREAM).param("len", U64).returns(RESULT_U64),
                (c, a) -> V.ret(skip(V.rep(a.get(0), InputStreamRep.class), V.u64Of(a.get(1)))));
        b.function(methodName(INPUT_STREAM, "blocking-skip"), method(INPUT_STREAM).param("len", U64).returns(RESULT_U64),
                (c, a) -> V.ret(skip(V.rep(a.get(0), InputStreamRep.class), V.u64Of(a.get(1)))));
        b.function(methodName(INPUT_STREAM, "subscribe"), method(INPUT_STREAM).returns(own(POLLABLE)),
                (c, a) -> V.ret(subscribe(V.rep(a.get(0), InputStreamRep.class))));
        // output-stream
        b.function(methodName(OUTPUT_STREAM, "check-write"), method(OUTPUT_STREAM).returns(RESULT_U64),
                (c, a) -> {
                    OutputStreamRep s = out(a);
                    return V.ret(s.closed() ? closed() : V.ok(V.u64(OutputStreamRep.PERMIT)));
                });
        b.function(methodName(OUTPUT_STREAM, "write"), method(OUTPUT_STREAM).param("contents", BYTES).returns(RESULT_UNIT),
                (c, a) -> {
                    OutputStreamRep s = out(a);
                    List<Val> contents = V.listOf(a.get(1));
                    s.checkWriteSize(contents.size(), "write");
                    return V.ret(write(s, contents));
                });
        b.function(methodName(OUTPUT_STREAM, "blocking-write-and-flush"),
                method(OUTPUT_STREAM).param("contents", BYTES).returns(RESULT_UNIT),
                (c, a) -> {
                    OutputStreamRep s = out(a);
                    List<Val> contents = V.listOf(a.get(1));
                    s.checkBlockingSize(contents.size(), "blocking-write-and-flush");
                    return V.ret(write(s, contents));
                });
        b.function(methodName(OUTPUT_STREAM, "flush"), method(OUTPUT_STREAM).returns(RESULT_UNIT),
                (c, a) -> V.ret(flush(out(a))));
        b.function(methodName(OUTPUT_STREAM, "blocking-flush"), method(OUTPUT_STREAM).returns(RESULT_UNIT),
                (c, a) -> V.ret(flush(out(a))));
        b.function(methodName(OUTPUT_STREAM, "subscribe"), method(OUTPUT_STREAM).returns(own(POLLABLE)),
                (c, a) -> {
                    out(a);
                    return V.ret(V.own(POLLABLE, Pollable.ALWAYS_READY));
                });
        b.function(methodName(OUTPUT_STREAM, "write-zeroes"), method(OUTPUT_STREAM).param("len", U64).returns(RESULT_UNIT),
                (c, a) -> {
                    OutputStreamRep s = out(a);
                    long len = V.u64Of(a.get(1));
                    s.checkWriteSize(len, "write-zeroes");
                    return V.ret(writeZeroes(s, len));
                });
        b.function(methodName(OUTPUT_STREAM, "blocking-write-zeroes-and-flush"),
                method(OUTPUT_STREAM).param("len", U64).returns(RESULT_UNIT),
                (c, a) -> {
                    OutputStreamRep s = out(a);
                    long len = V.u64Of(a.get(1));
                    s.checkBlockingSize(len, "blocking-write-zeroes-and-flush");
                    return V.ret(writeZeroes(s, len));
                });
        b.function(methodName(OUTPUT_STREAM, "splice"),
                method(OUTPUT_STREAM).params("src", borrow(INPUT_STREAM), "len", U64).returns(RESULT_U64),
                (c, a) -> V.ret(splice(out(a), V.rep(a.get(1), InputStreamRep.class), V.u64Of(a.get(2)))));
        b.function(methodName(OUTPUT_STREAM, "blocking-splice"),
                method(OUTPUT_STREAM).params("src", borrow(INPUT_STREAM), "len", U64).returns(RESULT_U64),
                (c, a) -> V.ret(splice(out(a), V.rep(a.get(1), InputStreamRep.class), V.u64Of(a.get(2)))));
        return b.build();
    }

    private static OutputStreamRep out(List<Val> args) {
        return V.rep(args.get(0), OutputStreamRep.class);
    }

    private static Val read(InputStreamRep in, long len) {
        byte[] data = in.read(len);
        return data == null ? closed() : V.ok(V.bytes(data));
    }

    private static Val skip(InputStreamRep in, long len) {
        byte[] data = in.read(len);
        return data == null ? closed() : V.ok(V.u64(data.length));
    }

    private static Val subscribe(InputStreamRep in) {
        return V.own(POLLABLE, Pollable.ALWAYS_READY);
    }

    private static Val write(OutputStreamRep s, List<Val> contents) {
        if (s.closed()) {
            return closed();
        }
        byte[] data = new byte[contents.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) V.u8Of(contents.get(i));
        }
        s.accept(data, 0, data.length);
        return V.OK;
    }

    private static Val writeZeroes(OutputStreamRep s, long len) {
        if (s.closed()) {
            return closed();
        }
        s.acceptZeroes(len);
        return V.OK;
    }

    private static Val flush(OutputStreamRep s) {
        return s.closed() ? closed() : V.OK;
    }

    private static Val splice(OutputStreamRep s, InputStreamRep src, long len) {
        if (s.closed()) {
            return closed();
        }
        byte[] data = src.read(Long.compareUnsigned(len, OutputStreamRep.PERMIT) < 0 ? len : OutputStreamRep.PERMIT);
        if (data == null) {
            return closed();
        }
        s.accept(data, 0, data.length);
        return V.ok(V.u64(data.length));
    }
}
