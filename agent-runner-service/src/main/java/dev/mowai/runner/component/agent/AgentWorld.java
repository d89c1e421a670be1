package dev.mowai.runner.component.agent;

import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.FuncType.Param;
import dev.mowai.runner.component.types.ValType;
import dev.mowai.runner.component.types.ValType.Field;
import dev.mowai.runner.component.types.ValType.Primitive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The types of {@code wit/agent.wit} ({@code mowai:agent@0.1.0}, world {@code agent-world}). */
public final class AgentWorld {
    private AgentWorld() {}

    public static final String HOST_LLM = "host-llm";
    public static final String BROADCAST = "broadcast";
    public static final String NOW_MS = "now-ms";
    public static final String LOG = "log";
    public static final String GET_CONFIG = "get-config";

    public static final String ON_INIT = "on-init";
    public static final String GET_INFO = "get-info";
    public static final String HANDLE_TASK = "handle-task";
    public static final String ON_PEER_THOUGHT = "on-peer-thought";

    public static final ValType.RecordType AGENT_CONFIG = record("name", "color", "persona");
    public static final ValType.RecordType AGENT_INFO = record("name", "version", "color", "persona");

    /** Named types of the world a component may import or export alongside its functions. */
    public static final Map<String, ValType> TYPES = Map.of("agent-config", AGENT_CONFIG, "agent-info", AGENT_INFO);

    /** The world's imports in WIT order. */
    public static final Map<String, FuncType> IMPORTS = ordered(
            HOST_LLM, func(List.of(string("prompt")), Primitive.STRING),
            BROADCAST, func(List.of(string("message")), null),
            NOW_MS, func(List.of(), Primitive.U64),
            LOG, func(List.of(string("level"), string("message")), null),
            GET_CONFIG, func(List.of(), AGENT_CONFIG));

    /** The world's exports in WIT order. */
    public static final Map<String, FuncType> EXPORTS = ordered(
            ON_INIT, func(List.of(), null),
            GET_INFO, func(List.of(), AGENT_INFO),
            HANDLE_TASK, func(List.of(string("task")), Primitive.STRING),
            ON_PEER_THOUGHT, func(List.of(string("peer-id"), string("content")), null));

    private static ValType.RecordType record(String... names) {
        return new ValType.RecordType(java.util.Arrays.stream(names).map(n -> new Field(n, Primitive.STRING)).toList());
    }

    private static Param string(String name) {
        return new Param(name, Primitive.STRING);
    }

    private static FuncType func(List<Param> params, ValType result) {
        return new FuncType(params, Optional.ofNullable(result));
    }

    private static Map<String, FuncType> ordered(Object... nameThenType) {
        Map<String, FuncType> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenType.length; i += 2) {
            m.put((String) nameThenType[i], (FuncType) nameThenType[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
