package dev.mowai.runner.component.agent;

import dev.mowai.runner.component.host.HostLinker;
import dev.mowai.runner.component.types.Val;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Registers an {@link AgentHost} as the world's five import functions in a {@link HostLinker}. */
public final class AgentImports {
    private AgentImports() {}

    public static HostLinker define(HostLinker linker, AgentHost host) {
        linker.defineFunction(AgentWorld.HOST_LLM, AgentWorld.IMPORTS.get(AgentWorld.HOST_LLM),
                (call, args) -> Optional.of(new Val.Str(host.hostLlm(string(args, 0)))));
        linker.defineFunction(AgentWorld.BROADCAST, AgentWorld.IMPORTS.get(AgentWorld.BROADCAST), (call, args) -> {
            host.broadcast(string(args, 0));
            return Optional.empty();
        });
        linker.defineFunction(AgentWorld.NOW_MS, AgentWorld.IMPORTS.get(AgentWorld.NOW_MS),
                (call, args) -> Optional.of(new Val.U64(host.nowMs())));
        linker.defineFunction(AgentWorld.LOG, AgentWorld.IMPORTS.get(AgentWorld.LOG), (call, args) -> {
            host.log(string(args, 0), string(args, 1));
            return Optional.empty();
        });
        linker.defineFunction(AgentWorld.GET_CONFIG, AgentWorld.IMPORTS.get(AgentWorld.GET_CONFIG), (call, args) -> {
            AgentConfig c = host.getConfig();
            Map<String, String> byName = Map.of("name", c.name(), "color", c.color(), "persona", c.persona());
            // in the field order of wit/agent.wit
            return Optional.of(new Val.RecordVal(AgentWorld.AGENT_CONFIG.fields().stream()
                    .map(f -> (Val) new Val.Str(byName.get(f.name()))).toList()));
        });
        return linker;
    }

    private static String string(List<Val> args, int i) {
        return ((Val.Str) args.get(i)).value();
    }
}
