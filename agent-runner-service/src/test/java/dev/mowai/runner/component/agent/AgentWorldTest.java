package dev.mowai.runner.component.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mowai.runner.component.binary.ComponentParser;
import dev.mowai.runner.component.types.ComponentType;
import dev.mowai.runner.component.types.ExternType;
import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.TypeResolver;
import dev.mowai.runner.component.wit.WitParser;
import dev.mowai.runner.component.wit.WitWorld;
import dev.mowai.runner.fixtures.TestAgents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * One source of truth: the runtime's agent world is wit/agent.wit (the file on the class path is the
 * repository's, byte for byte), it is the seed's contract, and our WIT reader agrees with the
 * tooling participants use (wit-component, through jco) about what the file means.
 */
class AgentWorldTest {
    private static final Path ROOT = TestAgents.moduleDir().getParent();

    @Test
    void theRuntimeReadsTheRepositorysWitFile() throws Exception {
        assertEquals(Files.readString(ROOT.resolve("wit/agent.wit")), AgentWorld.TEXT,
                "the class path's wit/agent.wit differs from the repository's: rebuild (process-resources)");
        assertEquals(WitParser.parse(Files.readString(ROOT.resolve("wit/agent.wit"))), AgentWorld.WORLD);
    }

    @Test
    void theWorldIsTheSeeds() throws Exception {
        WitWorld seed = WitParser.parse(Files.readString(TestAgents.moduleDir().resolve("src/test/agents/wit/seed-agent.wit")));
        assertEquals("mowai:agent@0.1.0", AgentWorld.WORLD.packageName());
        assertEquals(seed.packageName(), AgentWorld.WORLD.packageName());
        assertEquals(seed.name(), AgentWorld.WORLD.name());
        assertEquals(seed.types(), AgentWorld.TYPES);
        // parameter names included: the seed's names are the world's
        assertEquals(seed.imports(), AgentWorld.IMPORTS);
        assertEquals(seed.exports(), AgentWorld.EXPORTS);
        assertEquals(java.util.List.copyOf(seed.exports().keySet()), java.util.List.copyOf(AgentWorld.EXPORTS.keySet()));
    }

    /** c-freestanding is built from wit/agent.wit, c-reactor from the seed's text, both by wit-component. */
    @ParameterizedTest
    @ValueSource(strings = {"c-freestanding", "c-reactor"})
    void witComponentEncodesTheFileAsWeReadIt(String agent) throws Exception {
        ComponentType encoded = TypeResolver.resolve(new ComponentParser().parse(Files.readAllBytes(TestAgents.path(agent)))).type();
        assertEquals(AgentWorld.IMPORTS, functions(encoded.imports()));
        assertEquals(AgentWorld.EXPORTS, functions(encoded.exports()));
        assertEquals(AgentWorld.AGENT_INFO, AgentWorld.EXPORTS.get(AgentWorld.GET_INFO).result().orElseThrow());
    }

    private static Map<String, FuncType> functions(Map<String, ExternType> externs) {
        Map<String, FuncType> out = new LinkedHashMap<>();
        externs.forEach((name, t) -> {
            if (t instanceof ExternType.Func(FuncType f)) {
                out.put(name, f);
            }
        });
        return out;
    }
}
