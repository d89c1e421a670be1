package dev.mowai.runner.component.agent;

import java.util.List;

/**
 * How a component fits the agent world and the host. Every list is bounded (a line per entry, cut
 * long, {@code … N more} at the end; see {@link dev.mowai.runner.component.types.Findings}).
 *
 * @param imports     the component's imports as {@code name: type} lines
 * @param exports     the component's exports as {@code name: type} lines
 * @param problems    every reason it cannot run (empty when it can)
 * @param notes       differences that do not stop it, e.g. parameter names other than the world's
 * @param unsupported the imports the host does not provide (e.g. WASI), also named in {@code problems}
 */
public record ConformanceReport(List<String> imports, List<String> exports, List<String> problems,
                                List<String> notes, List<String> unsupported) {

    public ConformanceReport {
        imports = List.copyOf(imports);
        exports = List.copyOf(exports);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
        unsupported = List.copyOf(unsupported);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** A human-readable report: imports, exports, notes, then the verdict and every problem. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("imports (").append(imports.size()).append("):\n");
        imports.forEach(i -> sb.append("  ").append(i).append('\n'));
        sb.append("exports (").append(exports.size()).append("):\n");
        exports.forEach(e -> sb.append("  ").append(e).append('\n'));
        if (!notes.isEmpty()) {
            sb.append("notes:\n");
            notes.forEach(n -> sb.append("  - ").append(n).append('\n'));
        }
        if (ok()) {
            sb.append("conformance: OK, the component implements mowai:agent/agent-world and can run\n");
        } else {
            sb.append("conformance: ").append(problems.size()).append(" problem(s):\n");
            problems.forEach(p -> sb.append("  - ").append(p).append('\n'));
        }
        return sb.toString();
    }
}
