package dev.mowai.runner.core;

import dev.mowai.runner.component.agent.Agent;
import dev.mowai.runner.component.agent.AgentFactory;
import dev.mowai.runner.component.agent.AgentFailure;
import dev.mowai.runner.component.agent.AgentHost;
import dev.mowai.runner.component.agent.AgentInfo;
import dev.mowai.runner.component.agent.AgentRuntime;
import dev.mowai.runner.component.agent.ConformanceReport;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A scriptable agent for the core's tests: each export runs a lambda against the host imports, the
 * way a guest's code would. Records the calls it received.
 */
final class FakeAgent implements Agent {

    final AgentHost host;
    final List<String> calls = new ArrayList<>();
    BiFunction<AgentHost, String, String> onTask = (h, t) -> "answer to " + t;
    Consumer<AgentHost> onInit = h -> { };
    PeerReaction onPeer = (h, peer, content) -> { };
    AgentInfo info = new AgentInfo("fake", "1.0.0", "#123456", "pragmatist");
    boolean closed;

    interface PeerReaction {
        void react(AgentHost host, String peer, String content);
    }

    FakeAgent(AgentHost host) {
        this.host = host;
    }

    @Override
    public void onInit() {
        calls.add("on-init");
        onInit.accept(host);
    }

    @Override
    public AgentInfo getInfo() {
        calls.add("get-info");
        return info;
    }

    @Override
    public String handleTask(String task) {
        calls.add("handle-task:" + task);
        return onTask.apply(host, task);
    }

    @Override
    public void onPeerThought(String peerId, String content) {
        calls.add("on-peer-thought:" + peerId + ":" + content);
        onPeer.react(host, peerId, content);
    }

    @Override
    public boolean usable() {
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** A runtime that hands out FakeAgents configured by {@code setup}. */
    static final class Runtime implements AgentFactory {
        final List<FakeAgent> instances = new ArrayList<>();
        BiConsumer<FakeAgent, Integer> setup = (a, n) -> { };
        boolean failInstantiation;

        /** A component that passed the check; the fake needs nothing of it. */
        AgentRuntime.Checked check(byte[] wasm) {
            return new AgentRuntime.Checked(new ConformanceReport(List.of(), List.of(), List.of(), List.of(), List.of()),
                    null, wasm.length);
        }

        @Override
        public Agent instantiate(AgentRuntime.Checked component, AgentHost host) {
            if (failInstantiation) {
                throw new AgentFailure(AgentFailure.Kind.INSTANTIATION, "cannot instantiate", true, null);
            }
            FakeAgent agent = new FakeAgent(host);
            instances.add(agent);
            setup.accept(agent, instances.size());
            return agent;
        }

        FakeAgent last() {
            return instances.getLast();
        }
    }
}
