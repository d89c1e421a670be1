package dev.mowai.runner.component.wasi;

import static dev.mowai.runner.component.wasi.WasiFixture.borrowOf;
import static dev.mowai.runner.component.wasi.WasiFixture.bytes;
import static dev.mowai.runner.component.wasi.WasiFixture.errPayload;
import static dev.mowai.runner.component.wasi.WasiFixture.okPayload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.abi.Trap;
import dev.mowai.runner.component.types.Val;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IoStreamsTest {
    static final String S = "wasi:io/streams";
    final WasiFixture f = new WasiFixture();

    Val stdout() {
        return borrowOf(f.value("wasi:cli/stdout", "get-stdout"));
    }

    Val stderr() {
        return borrowOf(f.value("wasi:cli/stderr", "get-stderr"));
    }

    @Test
    void stdoutLinesGoToTheLogAtInfoAndStderrAtError() {
        Val out = stdout();
        Val err = stderr();
        assertEquals(V.OK, f.value(S, "[method]output-stream.blocking-write-and-flush", out, bytes("hello\nwor")));
        assertEquals(List.of(new WasiFixture.Line("info", "hello")), f.log);
        assertEquals(V.OK, f.value(S, "[method]output-stream.blocking-write-and-flush", out, bytes("ld")));
        assertEquals(V.OK, f.value(S, "[method]output-stream.flush", out));
        assertEquals(1, f.log.size(), "a line written in flushed pieces stays one line");
        assertEquals(V.OK, f.value(S, "[method]output-stream.write", out, bytes("\n")));
        assertEquals(new WasiFixture.Line("info", "world"), f.log.get(1));
        f.log.clear();
        assertEquals(V.OK, f.value(S, "[method]output-stream.write", err, bytes("oops é 🌍\r\nsecond")));
        assertEquals(V.OK, f.value(S, "[method]output-stream.blocking-flush", err));
        assertEquals(List.of(new WasiFixture.Line("error", "oops é 🌍")), f.log);
        f.host.flushOutput();
        assertEquals(new WasiFixture.Line("error", "second"), f.log.get(1), "the host ends the partial line after the call");
        f.host.flushOutput();
        assertEquals(2, f.log.size(), "nothing pending, nothing logged");
    }

    @Test
    void checkWriteGrantsAPermitAndWritesBeyondItTrap() {
        Val out = stdout();
        assertEquals(OutputStreamRep.PERMIT, ((Val.U64) okPayload(f.value(S, "[method]output-stream.check-write", out))).value());
        Val tooBig = V.bytes(new byte[(int) OutputStreamRep.PERMIT + 1]);
        Trap t = assertThrows(Trap.class, () -> f.call(S, "[method]output-stream.write", out, tooBig));
        assertTrue(t.getMessage().contains("exceeds"), t.getMessage());
        Trap z = assertThrows(Trap.class, () -> f.call(S, "[method]output-stream.write-zeroes", out, V.u64(-1)));
        assertTrue(z.getMessage().contains("18446744073709551615"), z.getMessage());
    }

    @Test
    void blockingWritesCarryAtMost4096Bytes() {
        Val out = stdout();
        byte[] ok = new byte[4096];
        Arrays.fill(ok, (byte) 'a');
        assertEquals(V.OK, f.value(S, "[method]output-stream.blocking-write-and-flush", out, V.bytes(ok)));
        f.host.flushOutput();
        assertEquals("a".repeat(4096), f.log.get(0).message());
        assertThrows(Trap.class, () -> f.call(S, "[method]output-stream.blocking-write-and-flush", out,
                V.bytes(new byte[4097])));
        assertThrows(Trap.class, () -> f.call(S, "[method]output-stream.blocking-write-zeroes-and-flush", out,
                V.u64(4097)));
        assertEquals(V.OK, f.value(S, "[method]output-stream.blocking-write-zeroes-and-flush", out, V.u64(3)));
        f.host.flushOutput();
        assertEquals("\0\0\0", f.log.get(1).message());
    }

    @Test
    void longLinesAreCutWithoutSplittingCharacters() {
        WasiFixture small = new WasiFixture(WasiConfig.DEFAULTS.withMaxLineBytes(16));
        Val out = borrowOf(small.value("wasi:cli/stdout", "get-stdout"));
        // 15 ASCII bytes then a 4-byte emoji: the cut must come before the emoji
        small.value(S, "[method]output-stream.write", out, bytes("abcdefghijklmno🌍xyz\n"));
        assertEquals(List.of("abcdefghijklmno", "🌍xyz"), small.messages());
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        Val out = stdout();
        f.value(S, "[method]output-stream.write", out, V.bytes(new byte[] {'a', (byte) 0xff, (byte) 0xc3, '\n'}));
        assertEquals("a\uFFFD\uFFFD", f.log.get(0).message());
    }

    @Test
    void outputBeyondTheRateLimitIsDroppedAndReportedOnce() {
        WasiFixture limited = new WasiFixture(WasiConfig.DEFAULTS.withMaxLineBytes(16).withLogRate(100, 10));
        Val out = borrowOf(limited.value("wasi:cli/stdout", "get-stdout"));
        for (int i = 0; i < 20; i++) {
            assertEquals(V.OK, limited.value(S, "[method]output-stream.write", out, bytes("line-" + i + "\n")),
                    "the guest never sees the cap");
        }
        // burst 100 bytes: lines "line-0".."line-9" cost 7 each (+1 per line), 8 bytes for two digits
        List<String> got = limited.messages();
        assertEquals(13, got.size(), got.toString());
        assertEquals("line-12", got.get(12));
        limited.clock.now += 2_000_000_000L; // two seconds: 20 bytes of budget
        limited.value(S, "[method]output-stream.write", out, bytes("back\n"));
        List<WasiFixture.Line> tail = limited.log.subList(13, limited.log.size());
        assertEquals("warn", tail.get(0).level());
        assertTrue(tail.get(0).message().contains("7 line(s), 49 bytes of output dropped"), tail.get(0).message());
        assertEquals("back", tail.get(1).message());
    }

    @Test
    void droppingAStreamDeliversItsPartialLine() {
        Val.Own out = (Val.Own) f.value("wasi:cli/stdout", "get-stdout");
        f.value(S, "[method]output-stream.write", new Val.Borrow(out.type(), out.rep()), bytes("unterminated"));
        assertTrue(f.log.isEmpty());
        Io.OUTPUT_STREAM_RESOURCE.destructor().destroy(out.rep());
        assertEquals(List.of("unterminated"), f.messages());
    }

    @Test
    void stdinIsEmpty() {
        Val in = borrowOf(f.value("wasi:cli/stdin", "get-stdin"));
        for (String fn : List.of("[method]input-stream.read", "[method]input-stream.blocking-read",
                "[method]input-stream.skip", "[method]input-stream.blocking-skip")) {
            Val e = errPayload(f.value(S, fn, in, V.u64(1024)));
            assertEquals(new Val.VariantVal(Io.CLOSED, java.util.Optional.empty()), e, fn);
        }
        Val.Own p = assertInstanceOf(Val.Own.class, f.value(S, "[method]input-stream.subscribe", in));
        assertSame(Io.POLLABLE, p.type());
        assertEquals(V.bool(true), f.value("wasi:io/poll", "[method]pollable.ready", borrowOf(p)));
    }

    @Test
    void spliceFromTheEmptyStdinReportsClosed() {
        Val in = borrowOf(f.value("wasi:cli/stdin", "get-stdin"));
        Val out = stdout();
        errPayload(f.value(S, "[method]output-stream.splice", out, in, V.u64(10)));
        errPayload(f.value(S, "[method]output-stream.blocking-splice", out, in, V.u64(-1)));
    }

    @Test
    void aClosedStreamReportsClosedOnEveryOperation() {
        Http.OutgoingBody body = new Http.OutgoingBody();
        body.stream.close();
        Val out = WasiFixture.borrow(Io.OUTPUT_STREAM, body.stream);
        for (String fn : List.of("[method]output-stream.check-write", "[method]output-stream.flush",
                "[method]output-stream.blocking-flush")) {
            assertEquals(Io.closed(), f.value(S, fn, out), fn);
        }
        assertEquals(Io.closed(), f.value(S, "[method]output-stream.write", out, bytes("x")));
        assertEquals(Io.closed(), f.value(S, "[method]output-stream.blocking-write-and-flush", out, bytes("x")));
        assertEquals(Io.closed(), f.value(S, "[method]output-stream.write-zeroes", out, V.u64(1)));
    }

    @Test
    void aHandleOfTheWrongKindTraps() {
        Val notAStream = WasiFixture.borrow(Io.OUTPUT_STREAM, "a string");
        Trap t = assertThrows(Trap.class, () -> f.call(S, "[method]output-stream.check-write", notAStream));
        assertTrue(t.getMessage().contains("OutputStreamRep"), t.getMessage());
    }

    @Test
    void ioErrorsDescribeThemselves() {
        Val e = WasiFixture.borrow(Io.ERROR, new IoError("disk on fire"));
        assertEquals(V.str("disk on fire"), f.value("wasi:io/error", "[method]error.to-debug-string", e));
    }
}
