package dev.mowai.runner.component.agent;

/**
 * Makes a live agent of a checked component for one host; {@code on-init} is not called yet.
 * {@link AgentRuntime} is one; the runner's reserves the agent's memory first.
 *
 * @throws AgentFailure when the instance cannot be made
 */
@FunctionalInterface
public interface AgentFactory {

    Agent instantiate(AgentRuntime.Checked checked, AgentHost host);
}
