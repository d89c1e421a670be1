package dev.mowai.runner.core;

import dev.mowai.runner.component.agent.AgentFailure;

/** What the runner counts about its agents (implemented with Micrometer in the shell). */
public interface Telemetry {

    /** A call into an export finished; {@code outcome} is {@code ok} or a fault kind. */
    void call(String export, long nanos, String outcome);

    void trap(AgentFailure.Kind kind);

    /** A containment limit was hit; {@code limit} is the config key's short name. */
    void limitHit(String limit);

    /** A host-llm call ended; {@code outcome} is {@code ok}, {@code error} or {@code refused}. */
    void llmCall(String outcome, long nanos);

    void thought();

    /** A no-op, for places where nothing is counted. */
    Telemetry NONE = new Telemetry() {
        @Override public void call(String export, long nanos, String outcome) { }
        @Override public void trap(AgentFailure.Kind kind) { }
        @Override public void limitHit(String limit) { }
        @Override public void llmCall(String outcome, long nanos) { }
        @Override public void thought() { }
    };
}
