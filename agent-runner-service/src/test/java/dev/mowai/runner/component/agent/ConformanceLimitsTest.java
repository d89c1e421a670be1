package dev.mowai.runner.component.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.binary.ComponentBytes;
import dev.mowai.runner.component.host.HostLinker;
import dev.mowai.runner.component.types.ComponentType;
import dev.mowai.runner.component.types.ExternType;
import dev.mowai.runner.component.types.Findings;
import dev.mowai.runner.component.types.FuncType;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the conformance check (issue 14): a few KB of component must never make the report
 * (or the work to build it) large.
 */
class ConformanceLimitsTest {
    /**
     * record { a…a: string, b…b: string } with 1000-character labels, then tuple<t, t> nested
     * {@code levels} times, exported {@code exports} times: the type text of one export is 2^levels × 2 KB.
     */
    static byte[] labelBomb(int levels, int exports) {
        ByteArrayOutputStream types = new ByteArrayOutputStream();
        types.write(0x72); // record
        ComponentBytes.u32(types, 2);
        for (String label : List.of("a".repeat(1000), "b".repeat(1000))) {
            ComponentBytes.name(types, label);
            types.write(0x73); // string
        }
        for (int i = 1; i <= levels; i++) {
            types.writeBytes(new byte[] {0x6f, 2, (byte) (i - 1), (byte) (i - 1)}); // tuple<t, t>
        }
        ByteArrayOutputStream exportSection = new ByteArrayOutputStream();
        for (int i = 0; i < exports; i++) {
            ComponentBytes.typeExport(exportSection, "t" + i, levels);
        }
        return new ComponentBytes().section(7, levels + 1, types).section(11, exports, exportSection).bytes();
    }

    @Test
    void longLabelsCountTowardsTheTypeSizeLimit() {
        byte[] bomb = labelBomb(14, 120);
        assertTrue(bomb.length < 4000, bomb.length + " bytes");
        // printed in full, its report would be 120 × 2^14 × 2 KB = 4 GB
        AgentFailure f;
        try (AgentRuntime runtime = new AgentRuntime(AgentLimits.DEFAULT)) {
            f = assertThrows(AgentFailure.class, () -> runtime.check(bomb));
        }
        assertEquals(AgentFailure.Kind.INVALID_COMPONENT, f.kind());
        assertTrue(f.getMessage().contains("(nodes plus label characters, at most 100000)"), f.getMessage());
        assertTrue(f.getMessage().length() < 1200, f.getMessage().length() + " characters");
    }

    @Test
    void theReportOfBigTypesIsBounded() {
        // 2^5 × 2 KB = 64 KB of text per export: within the size limit, so the report must cut it
        AgentRuntime.Checked checked;
        try (AgentRuntime runtime = new AgentRuntime(AgentLimits.DEFAULT)) {
            checked = runtime.check(labelBomb(5, 120));
        }
        ConformanceReport r = checked.report();
        assertFalse(r.ok());
        assertEquals(Findings.MAX_LINES + 1, r.exports().size());
        assertEquals("… 20 more exports", r.exports().getLast());
        assertTrue(r.exports().stream().allMatch(l -> l.length() <= Findings.MAX_LINE_CHARS + 1));
        String text = r.render();
        assertTrue(text.length() < 100_000, text.length() + " characters");
        // the missing world exports are still all named
        assertTrue(r.problems().contains("missing export 'handle-task': expected func(task-description: string) -> string"),
                r.problems().toString());
    }

    @Test
    void thousandsOfProblemsAreCutWithACount() {
        Map<String, ExternType> imports = new LinkedHashMap<>();
        for (int i = 0; i < 5000; i++) {
            imports.put("unknown-" + i, new ExternType.Func(new FuncType(List.of(), Optional.empty())));
        }
        Map<String, ExternType> exports = new LinkedHashMap<>();
        AgentWorld.EXPORTS.forEach((k, v) -> exports.put(k, new ExternType.Func(v)));
        ConformanceReport r = Conformance.check(new ComponentType(imports, exports), AgentImports.define(new HostLinker(), null));
        assertEquals(Findings.MAX_LINES + 1, r.problems().size());
        assertEquals("… 4900 more problems", r.problems().getLast());
        assertEquals(Findings.MAX_LINES + 1, r.imports().size());
        assertEquals(Findings.MAX_LINES + 1, r.unsupported().size());
        assertTrue(r.render().length() < 100_000);
    }
}
