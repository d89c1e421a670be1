package dev.mowai.runner.component.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.host.HostInterface;
import dev.mowai.runner.component.host.TypedHostFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our Java descriptions of the WASI 0.2 interfaces against the real WIT: the 0.2.12 packages that
 * jco ships (installed by {@code npm ci} in {@code src/test/node}). Every stable function of every
 * interface a component can import must be provided under the same name with the same type.
 */
class WasiWitConformanceTest {
    static final Path WIT = Path.of("src/test/node/node_modules/@bytecodealliance/jco/lib/wit/builtin/0.2.12");
    /** Exports of worlds (cli/run, http/incoming-handler), never imported by agents. */
    static final Set<String> EXPORT_ONLY = Set.of("wasi:cli/run", "wasi:http/incoming-handler");

    static WitModel wit;
    static Map<String, HostInterface> ours;

    @BeforeAll
    static void read() throws IOException {
        assertTrue(Files.isDirectory(WIT), "the WASI WIT of jco is missing at " + WIT.toAbsolutePath()
                + " — run npm ci in agent-runner-service/src/test/node (./mowai test does)");
        try (Stream<Path> files = Files.walk(WIT)) {
            wit = WitModel.read(files.filter(p -> p.toString().endsWith(".wit")).sorted().toList());
        }
        ours = new LinkedHashMap<>();
        new WasiHost(WasiConfig.DEFAULTS, (l, m) -> { }).interfaces().forEach(i -> ours.put(i.name(), i));
    }

    @Test
    void everyImportableInterfaceIsProvidedAtTheWitVersion() {
        Set<String> expected = new java.util.TreeSet<>(wit.functions.keySet());
        expected.removeAll(EXPORT_ONLY);
        assertEquals(expected, new java.util.TreeSet<>(ours.keySet()));
        ours.values().forEach(i -> assertEquals("0.2.12", i.version().toString(), i.name()));
    }

    @Test
    void everyFunctionHasTheWitNameAndType() {
        for (var e : wit.functions.entrySet()) {
            if (EXPORT_ONLY.contains(e.getKey())) {
                continue;
            }
            HostInterface mine = ours.get(e.getKey());
            Map<String, String> actual = new TreeMap<>();
            for (TypedHostFunction f : mine.functions().values()) {
                actual.put(f.name(), WitPrinter.print(f.type()));
            }
            assertEquals(new TreeMap<>(e.getValue()), actual, e.getKey());
        }
    }

    @Test
    void theComponentizeJsImportSetIsCovered() {
        // the 18 interfaces a default componentize-js build imports (wasm-toolchains.md)
        List<String> imports = List.of("wasi:io/poll", "wasi:io/error", "wasi:io/streams", "wasi:clocks/monotonic-clock",
                "wasi:clocks/wall-clock", "wasi:cli/stdin", "wasi:cli/stdout", "wasi:cli/stderr", "wasi:cli/terminal-input",
                "wasi:cli/terminal-output", "wasi:cli/terminal-stdin", "wasi:cli/terminal-stdout", "wasi:cli/terminal-stderr",
                "wasi:filesystem/types", "wasi:filesystem/preopens", "wasi:random/random", "wasi:http/types",
                "wasi:http/outgoing-handler");
        assertEquals(18, imports.size());
        assertTrue(ours.keySet().containsAll(imports));
    }
}
