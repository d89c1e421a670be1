package dev.mowai.runner.core;

/**
 * What the runner needs from the component runtime: check an uploaded component against the agent
 * world, and instantiate a checked component with the runner's host imports.
 */
public interface AgentRuntimePort {

    /** Parses and checks the bytes. Never throws for bad input: problems are in the result. */
    Checked check(byte[] wasm);

    /** A fresh instance, {@code on-init} not yet called. Throws {@link AgentFault} when it fails. */
    AgentPort instantiate(Checked component, HostImports host);

    /**
     * The outcome of a check: the runtime's report as JSON-friendly data, the problems that make
     * the component unusable (empty when it is usable) and the runtime's own handle to reuse.
     */
    record Checked(boolean ok, java.util.List<String> problems, Object report, Object handle) {
        public Checked {
            problems = java.util.List.copyOf(problems);
        }
    }
}
