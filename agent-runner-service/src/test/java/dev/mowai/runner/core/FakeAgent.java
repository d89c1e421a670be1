package dev.mowai.runner.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A scriptable agent for the core's tests: each export runs a lambda against the host imports, the
 * way a guest's code would. Records the calls it received.
 */
final class FakeAgent implements AgentPort {

    final HostImports host;
    final List<String> calls = new ArrayList<>();
    BiFunction<HostImports, String, String> onTask = (h, t) -> "answer to " + t;
    Consumer<HostImports> onInit = h -> { };
    PeerReaction onPeer = (h, peer, content) -> { };
    AgentInfo info = new AgentInfo("fake", "1.0.0", "#123456", "pragmatist");
    boolean closed;

    interface PeerReaction {
        void react(HostImports host, String peer, String content);
    }

    FakeAgent(HostImports host) {
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
    public void close() {
        closed = true;
    }

    /** A runtime that hands out FakeAgents configured by {@code setup}. */
    static final class Runtime implements AgentRuntimePort {
        final List<FakeAgent> instances = new ArrayList<>();
        BiConsumer<FakeAgent, Integer> setup = (a, n) -> { };
        boolean failInstantiation;

        @Override
        public Checked check(byte[] wasm) {
            return new Checked(true, List.of(), "report", wasm);
        }

        @Override
        public AgentPort instantiate(Checked component, HostImports host) {
            if (failInstantiation) {
                throw new AgentFault(AgentFault.Kind.INSTANTIATION, "cannot instantiate");
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
