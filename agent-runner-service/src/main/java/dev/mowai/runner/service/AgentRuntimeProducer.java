package dev.mowai.runner.service;

import dev.mowai.runner.component.abi.BoundaryLimits;
import dev.mowai.runner.component.agent.AgentLimits;
import dev.mowai.runner.component.agent.AgentRuntime;
import dev.mowai.runner.component.wasi.WasiConfig;
import dev.mowai.runner.component.wasi.WasiHost;
import dev.mowai.runner.config.RunnerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The runner's one {@link AgentRuntime} (one GraalWasm engine and module cache for all agents), under
 * the configured containment limits, with the sandboxed WASI host whose stdout/stderr become the
 * agent's log lines.
 */
@ApplicationScoped
public class AgentRuntimeProducer {

    @Produces
    @Singleton
    AgentRuntime runtime(RunnerConfig config) {
        RunnerConfig.LimitsConfig l = config.limits();
        AgentLimits limits = new AgentLimits(l.callTimeout(), l.memoryMaxBytes(), l.maxComponentBytes(), BoundaryLimits.DEFAULT);
        return new AgentRuntime(limits, (linker, host) ->
                new WasiHost(WasiConfig.DEFAULTS.withMaxBlock(l.callTimeout()), host::log).defineAll(linker));
    }

    void close(@Disposes AgentRuntime runtime) {
        runtime.close();
    }
}
