package dev.mowai.runner.component.wasi;

import static dev.mowai.runner.component.wasi.WasiFixture.borrow;
import static dev.mowai.runner.component.wasi.WasiFixture.borrowOf;
import static dev.mowai.runner.component.wasi.WasiFixture.errPayload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.abi.Trap;
import dev.mowai.runner.component.host.HostInterface;
import dev.mowai.runner.component.host.TypedHostFunction;
import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.Val;
import dev.mowai.runner.component.types.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetworkAndFilesystemTest {
    final WasiFixture f = new WasiFixture();

    @Test
    void noDirectoryIsPreopened() {
        assertEquals(V.list(List.of()), f.value("wasi:filesystem/preopens", "get-directories"));
    }

    @Test
    void everyDescriptorOperationWithAResultAnswersBadDescriptor() {
        HostInterface types = f.interfaces.get("wasi:filesystem/types");
        int checked = 0;
        for (TypedHostFunction fn : types.functions().values()) {
            if (!fn.name().startsWith("[method]")) {
                continue;
            }
            Optional<ValType> result = fn.type().result();
            List<Val> args = new ArrayList<>();
            for (FuncType.Param p : fn.type().params()) {
                args.add(Values.sample(p.type()));
            }
            if (result.isPresent() && result.get() instanceof ValType.ResultType) {
                Val r = fn.implementation().call(new dev.mowai.runner.component.host.HostCall("fs", fn.name()), args).orElseThrow();
                assertEquals(Filesystem.BAD_DESCRIPTOR, errPayload(r), fn.name());
                checked++;
            } else {
                Trap t = assertThrows(Trap.class, () -> fn.implementation().call(
                        new dev.mowai.runner.component.host.HostCall("fs", fn.name()), args));
                assertTrue(t.getMessage().contains("preopens no directory"), t.getMessage());
            }
        }
        assertEquals(27, checked); // 26 descriptor methods with results + read-directory-entry
    }

    @Test
    void filesystemErrorCodeOfAStreamErrorIsNone() {
        assertEquals(V.NONE, f.value("wasi:filesystem/types", "filesystem-error-code", borrow(Io.ERROR, new IoError("x"))));
    }

    @Test
    void socketsCannotBeCreated() {
        Val denied = Sockets.code("access-denied");
        for (int family = 0; family < 2; family++) {
            assertEquals(denied, errPayload(f.value("wasi:sockets/tcp-create-socket", "create-tcp-socket", V.enumCase(family))));
            assertEquals(denied, errPayload(f.value("wasi:sockets/udp-create-socket", "create-udp-socket", V.enumCase(family))));
        }
    }

    @Test
    void nameLookupFailsPermanentlyOrForMalformedNames() {
        Val network = borrowOf(f.value("wasi:sockets/instance-network", "instance-network"));
        for (String name : List.of("example.com", "localhost", "127.0.0.1", "[::1]", "a-b.c-d.example.")) {
            assertEquals(Sockets.code("permanent-resolver-failure"),
                    errPayload(f.value("wasi:sockets/ip-name-lookup", "resolve-addresses", network, V.str(name))), name);
        }
        for (String name : List.of("", "exa mple.com", "-bad.com", "a".repeat(300), "x/y")) {
            assertEquals(Sockets.code("invalid-argument"),
                    errPayload(f.value("wasi:sockets/ip-name-lookup", "resolve-addresses", network, V.str(name))), name);
        }
    }

    @Test
    void socketMembersAreUnreachableButAnswerOrTrapClearly() {
        Val socket = borrow(Sockets.TCP_SOCKET, new Object());
        Val network = borrowOf(f.value("wasi:sockets/instance-network", "instance-network"));
        Val addr = Values.sample(Sockets.IP_SOCKET_ADDRESS);
        assertEquals(Sockets.INVALID_STATE, errPayload(f.value("wasi:sockets/tcp", "[method]tcp-socket.start-connect",
                socket, network, addr)));
        Trap t = assertThrows(Trap.class, () -> f.call("wasi:sockets/tcp", "[method]tcp-socket.is-listening", socket));
        assertTrue(t.getMessage().contains("denies network access"), t.getMessage());
    }

    @Test
    void everyWasiFunctionCanBeCalledWithWellTypedArgumentsWithoutAJavaCrash() {
        // hostile-input smoke: every function, sample arguments; only values or Traps/HostExit may come out
        int calls = 0;
        for (HostInterface i : f.interfaces.values()) {
            for (TypedHostFunction fn : i.functions().values()) {
                List<Val> args = new ArrayList<>();
                fn.type().params().forEach(p -> args.add(Values.sample(p.type())));
                try {
                    fn.implementation().call(new dev.mowai.runner.component.host.HostCall(i.name(), fn.name()), args);
                } catch (Trap | dev.mowai.runner.component.host.HostExit expected) {
                    assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
                }
                calls++;
            }
        }
        assertTrue(calls > 170, "called " + calls);
    }
}
