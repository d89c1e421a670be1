package dev.mowai.runner.service;

import dev.mowai.runner.component.abi.BoundaryLimits;
import dev.mowai.runner.component.agent.Agent;
import dev.mowai.runner.component.agent.AgentFailure;
import dev.mowai.runner.component.agent.AgentHost;
import dev.mowai.runner.component.agent.AgentLimits;
import dev.mowai.runner.component.agent.AgentRuntime;
import dev.mowai.runner.component.wasi.WasiConfig;
import dev.mowai.runner.component.wasi.WasiHost;
import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.core.AgentConfig;
import dev.mowai.runner.core.AgentFault;
import dev.mowai.runner.core.AgentInfo;
import dev.mowai.runner.core.AgentPort;
import dev.mowai.runner.core.AgentRuntimePort;
import dev.mowai.runner.core.HostImports;
import dev.mowai.runner.core.MemoryBudget;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Supplier;

/**
 * The runner's agents on the component runtime ({@code component.agent}): one shared
 * {@link AgentRuntime} (one GraalWasm engine and module cache), the five world imports bound to
 * the runner's {@link HostImports}, and the sandboxed WASI host whose stdout/stderr become console
 * lines.
 */
@ApplicationScoped
public class ComponentAgentRuntime implements AgentRuntimePort {

    @Inject
    RunnerConfig config;
    @Inject
    AgentMemory memory;

    private AgentRuntime runtime;

    @PostConstruct
    void init() {
        RunnerConfig.LimitsConfig l = config.limits();
        AgentLimits limits = new AgentLimits(l.callTimeout(), l.memoryMaxBytes(), l.maxComponentBytes(), BoundaryLimits.DEFAULT);
        runtime = new AgentRuntime(limits, (linker, host) -> {
            WasiHost wasi = new WasiHost(WasiConfig.DEFAULTS.withMaxBlock(l.callTimeout()), host::log);
            wasi.defineAll(linker);
            if (host instanceof Bridge bridge) {
                bridge.wasi = wasi;
            }
        });
    }

    @PreDestroy
    void close() {
        runtime.close();
    }

    @Override
    public Checked check(byte[] wasm) {
        try {
            AgentRuntime.Checked checked = runtime.check(wasm);
            return new Checked(checked.report().ok(), checked.report().problems(), checked.report(), checked);
        } catch (AgentFailure e) {
            return new Checked(false, List.of(e.getMessage()), null, null);
        }
    }

    @Override
    public AgentPort instantiate(Checked component, HostImports host) {
        if (!(component.handle() instanceof AgentRuntime.Checked checked)) {
            throw new AgentFault(AgentFault.Kind.INSTANTIATION, "the component did not pass the check");
        }
        MemoryBudget.Lease lease;
        try {
            lease = memory.reserve(checked.memoryCeilingBytes());
        } catch (AgentMemory.Full e) {
            throw new AgentFault(AgentFault.Kind.INSTANTIATION, e.getMessage(), e);
        }
        Bridge bridge = new Bridge(host);
        try {
            return new Live(runtime.instantiate(checked, bridge), bridge, lease);
        } catch (AgentFailure e) {
            lease.close();
            throw fault(e);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    static AgentFault fault(AgentFailure e) {
        AgentFault.Kind kind = switch (e.kind()) {
            case TRAP, DISCARDED -> AgentFault.Kind.TRAP;
            case TIMEOUT -> AgentFault.Kind.TIMEOUT;
            case MEMORY_LIMIT -> AgentFault.Kind.MEMORY;
            case BOUNDARY_LIMIT -> AgentFault.Kind.INVALID_RESULT;
            case INVALID_COMPONENT, COMPONENT_TOO_LARGE, NOT_CONFORMING, INSTANTIATION -> AgentFault.Kind.INSTANTIATION;
        };
        return new AgentFault(kind, e.getMessage(), e);
    }

    /** The runner's host imports as the component runtime's {@link AgentHost}. */
    private static final class Bridge implements AgentHost {
        final HostImports host;
        volatile WasiHost wasi;

        Bridge(HostImports host) {
            this.host = host;
        }

        @Override
        public String hostLlm(String prompt) {
            return host.hostLlm(prompt);
        }

        @Override
        public void broadcast(String message) {
            host.broadcast(message);
        }

        @Override
        public long nowMs() {
            return host.nowMs();
        }

        @Override
        public void log(String level, String message) {
            host.log(level, message);
        }

        @Override
        public dev.mowai.runner.component.agent.AgentConfig getConfig() {
            AgentConfig c = host.getConfig();
            return new dev.mowai.runner.component.agent.AgentConfig(c.name(), c.color(), c.persona());
        }
    }

    /** One instance; every call maps the runtime's failures to {@link AgentFault} and flushes WASI output. */
    private static final class Live implements AgentPort {
        private final Agent agent;
        private final Bridge bridge;
        private final MemoryBudget.Lease lease;

        Live(Agent agent, Bridge bridge, MemoryBudget.Lease lease) {
            this.agent = agent;
            this.bridge = bridge;
            this.lease = lease;
        }

        @Override
        public void onInit() {
            run(() -> {
                agent.onInit();
                return null;
            });
        }

        @Override
        public AgentInfo getInfo() {
            return run(() -> {
                var i = agent.getInfo();
                return new AgentInfo(i.name(), i.version(), i.color(), i.persona());
            });
        }

        @Override
        public String handleTask(String task) {
            return run(() -> agent.handleTask(task));
        }

        @Override
        public void onPeerThought(String peerId, String content) {
            run(() -> {
                agent.onPeerThought(peerId, content);
                return null;
            });
        }

        @Override
        public void close() {
            try {
                agent.close();
            } finally {
                lease.close();
            }
        }

        private <T> T run(Supplier<T> call) {
            try {
                return call.get();
            } catch (AgentFailure e) {
                throw fault(e);
            } finally {
                WasiHost wasi = bridge.wasi;
                if (wasi != null) {
                    wasi.flushOutput();
                }
            }
        }
    }
}
