package dev.mowai.runner.component.wasi;

import static dev.mowai.runner.component.wasi.WasiFixture.borrowOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.abi.Trap;
import dev.mowai.runner.component.host.HostExit;
import dev.mowai.runner.component.types.Val;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomAndCliTest {
    final WasiFixture f = new WasiFixture();

    @Test
    void randomBytesHaveTheAskedLengthAndVary() {
        for (String[] fn : List.of(new String[] {"wasi:random/random", "get-random-bytes"},
                new String[] {"wasi:random/insecure", "get-insecure-random-bytes"})) {
            assertEquals(0, V.listOf(f.value(fn[0], fn[1], V.u64(0))).size());
            byte[] a = V.bytesOf(f.value(fn[0], fn[1], V.u64(64)));
            byte[] b = V.bytesOf(f.value(fn[0], fn[1], V.u64(64)));
            assertEquals(64, a.length);
            assertFalse(java.util.Arrays.equals(a, b), "two 64-byte draws must differ");
        }
    }

    @Test
    void randomU64Varies() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 16; i++) {
            seen.add(V.u64Of(f.value("wasi:random/random", "get-random-u64")));
            seen.add(V.u64Of(f.value("wasi:random/insecure", "get-insecure-random-u64")));
        }
        assertTrue(seen.size() > 28, seen.toString());
    }

    @Test
    void tooManyRandomBytesTrap() {
        int max = WasiConfig.DEFAULTS.maxRandomBytes();
        assertEquals(max, V.listOf(f.value("wasi:random/random", "get-random-bytes", V.u64(max))).size());
        Trap t = assertThrows(Trap.class, () -> f.call("wasi:random/random", "get-random-bytes", V.u64(max + 1L)));
        assertTrue(t.getMessage().contains("at most " + max), t.getMessage());
        assertThrows(Trap.class, () -> f.call("wasi:random/insecure", "get-insecure-random-bytes", V.u64(-1)));
    }

    @Test
    void insecureSeedIsStablePerInstanceAndDiffersAcrossInstances() {
        Val a = f.value("wasi:random/insecure-seed", "insecure-seed");
        assertEquals(a, f.value("wasi:random/insecure-seed", "insecure-seed"));
        assertNotEquals(a, new WasiFixture().value("wasi:random/insecure-seed", "insecure-seed"));
        assertEquals(2, ((Val.TupleVal) a).elements().size());
    }

    @Test
    void environmentIsEmpty() {
        assertEquals(V.list(List.of()), f.value("wasi:cli/environment", "get-environment"));
        assertEquals(V.list(List.of()), f.value("wasi:cli/environment", "get-arguments"));
        assertEquals(V.NONE, f.value("wasi:cli/environment", "initial-cwd"));
    }

    @Test
    void exitEndsTheCallWithItsStatusAfterFlushingOutput() {
        f.value("wasi:io/streams", "[method]output-stream.write", borrowOf(f.value("wasi:cli/stdout", "get-stdout")),
                WasiFixture.bytes("last words"));
        HostExit ok = assertThrows(HostExit.class, () -> f.call("wasi:cli/exit", "exit", V.OK));
        assertEquals(0, ok.code());
        assertTrue(ok.success());
        assertEquals(List.of("last words"), f.messages());
        HostExit failed = assertThrows(HostExit.class, () -> f.call("wasi:cli/exit", "exit", V.errEmpty()));
        assertEquals(1, failed.code());
        assertTrue(failed.getMessage().contains("status 1 (failure)"), failed.getMessage());
        HostExit code = assertThrows(HostExit.class, () -> f.call("wasi:cli/exit", "exit-with-code", V.u8(42)));
        assertEquals(42, code.code());
    }

    @Test
    void thereIsNoTerminal() {
        assertEquals(V.NONE, f.value("wasi:cli/terminal-stdin", "get-terminal-stdin"));
        assertEquals(V.NONE, f.value("wasi:cli/terminal-stdout", "get-terminal-stdout"));
        assertEquals(V.NONE, f.value("wasi:cli/terminal-stderr", "get-terminal-stderr"));
    }

    @Test
    void eachGetStdoutIsANewOwnHandleOnTheSameChannel() {
        Val.Own a = assertInstanceOf(Val.Own.class, f.value("wasi:cli/stdout", "get-stdout"));
        Val.Own b = assertInstanceOf(Val.Own.class, f.value("wasi:cli/stdout", "get-stdout"));
        assertNotEquals(a.rep(), b.rep());
        f.value("wasi:io/streams", "[method]output-stream.write", borrowOf(a), WasiFixture.bytes("ab"));
        f.value("wasi:io/streams", "[method]output-stream.write", borrowOf(b), WasiFixture.bytes("c\n"));
        assertEquals(List.of("abc"), f.messages());
    }
}
