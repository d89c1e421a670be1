package dev.mowai.runner.component.agent;

import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.ValType;
import dev.mowai.runner.component.wit.WitParser;
import dev.mowai.runner.component.wit.WitWorld;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The agent world, read from {@code wit/agent.wit} itself: the build puts the repository's file on
 * the class path as {@value #RESOURCE} (agent-runner-service/pom.xml), so changing the file changes
 * the runtime. The names below are those the host binds its code to; the file must declare them.
 */
public final class AgentWorld {
    private AgentWorld() {}

    /** Where the build puts the repository's {@code wit/agent.wit} on the class path. */
    public static final String RESOURCE = "wit/agent.wit";

    public static final String HOST_LLM = "host-llm";
    public static final String BROADCAST = "broadcast";
    public static final String NOW_MS = "now-ms";
    public static final String LOG = "log";
    public static final String GET_CONFIG = "get-config";

    public static final String ON_INIT = "on-init";
    public static final String GET_INFO = "get-info";
    public static final String HANDLE_TASK = "handle-task";
    public static final String ON_PEER_THOUGHT = "on-peer-thought";

    /** The text of {@value #RESOURCE}. */
    public static final String TEXT = read();

    public static final WitWorld WORLD = check(WitParser.parse(TEXT));

    /** Named types of the world a component may import or export alongside its functions. */
    public static final Map<String, ValType> TYPES = WORLD.types();

    /** The world's imports in WIT order. */
    public static final Map<String, FuncType> IMPORTS = WORLD.imports();

    /** The world's exports in WIT order. */
    public static final Map<String, FuncType> EXPORTS = WORLD.exports();

    /** {@code agent-config} and {@code agent-info}: the host reads and builds them by field name. */
    public static final ValType.RecordType AGENT_CONFIG = (ValType.RecordType) IMPORTS.get(GET_CONFIG).result().orElseThrow();
    public static final ValType.RecordType AGENT_INFO = (ValType.RecordType) EXPORTS.get(GET_INFO).result().orElseThrow();

    private static String read() {
        try (InputStream in = AgentWorld.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path (the build copies the "
                        + "repository's wit/agent.wit there: see agent-runner-service/pom.xml)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The host's code calls these functions and fills these fields: the file must have them. */
    private static WitWorld check(WitWorld w) {
        for (String name : List.of(HOST_LLM, BROADCAST, NOW_MS, LOG, GET_CONFIG)) {
            require(w.imports().containsKey(name), "import " + name);
        }
        for (String name : List.of(ON_INIT, GET_INFO, HANDLE_TASK, ON_PEER_THOUGHT)) {
            require(w.exports().containsKey(name), "export " + name);
        }
        requireRecord(w.imports().get(GET_CONFIG), "get-config", "name", "color", "persona");
        requireRecord(w.exports().get(GET_INFO), "get-info", "name", "version", "color", "persona");
        return w;
    }

    private static void requireRecord(FuncType f, String fn, String... fields) {
        boolean ok = f.result().orElse(null) instanceof ValType.RecordType r
                && r.fields().stream().map(ValType.Field::name).toList().containsAll(List.of(fields))
                && r.fields().stream().allMatch(x -> x.type() == ValType.Primitive.STRING);
        require(ok, fn + " returning a record of strings with the fields " + String.join(", ", fields));
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(RESOURCE + " must declare " + what + " (the host implements it)");
        }
    }
}
