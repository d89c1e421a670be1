package dev.mowai.runner.component.wasi;

import static dev.mowai.runner.component.wasi.Wit.STRING;
import static dev.mowai.runner.component.wasi.Wit.U8;
import static dev.mowai.runner.component.wasi.Wit.fn;
import static dev.mowai.runner.component.wasi.Wit.list;
import static dev.mowai.runner.component.wasi.Wit.option;
import static dev.mowai.runner.component.wasi.Wit.own;
import static dev.mowai.runner.component.wasi.Wit.result;
import static dev.mowai.runner.component.wasi.Wit.tuple;

import dev.mowai.runner.component.host.HostExit;
import dev.mowai.runner.component.host.HostInterface;
import dev.mowai.runner.component.host.HostResource;
import dev.mowai.runner.component.types.ResourceType;
import dev.mowai.runner.component.types.Val;
import java.util.List;

/**
 * {@code wasi:cli/*}: an empty environment and argument list, no initial directory, an empty stdin,
 * stdout/stderr into the agent's log, no terminal; {@code exit} ends the export call with its status.
 */
final class Cli {
    static final ResourceType TERMINAL_INPUT = new ResourceType("terminal-input");
    static final ResourceType TERMINAL_OUTPUT = new ResourceType("terminal-output");
    // No terminal exists in the sandbox, so no representation of these is ever created.
    static final HostResource TERMINAL_INPUT_RESOURCE = HostResource.withoutDestructor(TERMINAL_INPUT);
    static final HostResource TERMINAL_OUTPUT_RESOURCE = HostResource.withoutDestructor(TERMINAL_OUTPUT);

    private Cli() {
    }

    static List<HostInterface> interfaces(String version, WasiHost host) {
        HostInterface environment = HostInterface.builder("wasi:cli/environment", version)
                .function("get-environment", fn().returns(list(tuple(STRING, STRING))), (c, a) -> V.ret(V.list(List.of())))
                .function("get-arguments", fn().returns(list(STRING)), (c, a) -> V.ret(V.list(List.of())))
                .function("initial-cwd", fn().returns(option(STRING)), (c, a) -> V.ret(V.NONE))
                .build();
        HostInterface exit = HostInterface.builder("wasi:cli/exit", version)
                .function("exit", fn().param("status", result(null, null)).none(), (c, a) -> {
                    host.flushOutput();
                    throw new HostExit(V.as(Val.ResultVal.class, a.get(0)).isOk() ? 0 : 1);
                })
                .function("exit-with-code", fn().param("status-code", U8).none(), (c, a) -> {
                    host.flushOutput();
                    throw new HostExit(V.u8Of(a.get(0)));
                })
                .build();
        HostInterface stdin = HostInterface.builder("wasi:cli/stdin", version)
                .resource(Io.INPUT_STREAM_RESOURCE)
                .function("get-stdin", fn().returns(own(Io.INPUT_STREAM)),
                        (c, a) -> V.ret(V.own(Io.INPUT_STREAM, new InputStreamRep("stdin"))))
                .build();
        HostInterface stdout = HostInterface.builder("wasi:cli/stdout", version)
                .resource(Io.OUTPUT_STREAM_RESOURCE)
                .function("get-stdout", fn().returns(own(Io.OUTPUT_STREAM)),
                        (c, a) -> V.ret(V.own(Io.OUTPUT_STREAM, new OutputStreamRep.ToLog("stdout", host.stdout()))))
                .build();
        HostInterface stderr = HostInterface.builder("wasi:cli/stderr", version)
                .resource(Io.OUTPUT_STREAM_RESOURCE)
                .function("get-stderr", fn().returns(own(Io.OUTPUT_STREAM)),
                        (c, a) -> V.ret(V.own(Io.OUTPUT_STREAM, new OutputStreamRep.ToLog("stderr", host.stderr()))))
                .build();
        HostInterface terminalInput = HostInterface.builder("wasi:cli/terminal-input", version)
                .resource(TERMINAL_INPUT_RESOURCE).build();
        HostInterface terminalOutput = HostInterface.builder("wasi:cli/terminal-output", version)
                .resource(TERMINAL_OUTPUT_RESOURCE).build();
        return List.of(environment, exit, stdin, stdout, stderr, terminalInput, terminalOutput,
                noTerminal(version, "terminal-stdin", TERMINAL_INPUT_RESOURCE),
                noTerminal(version, "terminal-stdout", TERMINAL_OUTPUT_RESOURCE),
                noTerminal(version, "terminal-stderr", TERMINAL_OUTPUT_RESOURCE));
    }

    private static HostInterface noTerminal(String version, String name, HostResource terminal) {
        return HostInterface.builder("wasi:cli/" + name, version)
                .resource(terminal)
                .function("get-" + name, fn().returns(option(own(terminal.type()))), (c, a) -> V.ret(V.NONE))
                .build();
    }
}
