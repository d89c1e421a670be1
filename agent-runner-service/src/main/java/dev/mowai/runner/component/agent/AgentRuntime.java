package dev.mowai.runner.component.agent;

import dev.mowai.runner.component.abi.Trap;
import dev.mowai.runner.component.binary.Component;
import dev.mowai.runner.component.binary.ComponentFormatException;
import dev.mowai.runner.component.binary.ComponentParser;
import dev.mowai.runner.component.binary.ParseLimits;
import dev.mowai.runner.component.host.HostLinker;
import dev.mowai.runner.component.link.CallTimeoutException;
import dev.mowai.runner.component.link.ComponentRuntime;
import dev.mowai.runner.component.link.LinkException;
import dev.mowai.runner.component.link.MemoryPlan;
import dev.mowai.runner.component.link.RuntimeLimits;
import dev.mowai.runner.component.link.ImportCheck;
import dev.mowai.runner.component.link.PreparedComponent;
import dev.mowai.runner.component.types.Findings;
import dev.mowai.runner.component.types.ResolvedComponent;
import dev.mowai.runner.component.types.TypeResolutionException;

import java.util.function.BiConsumer;

/**
 * Loads agent components: size cap, parse, type resolution, conformance with {@code agent-world}
 * and the host, instantiation. One runtime (one shared GraalWasm engine and module cache) serves
 * many agents; it is thread-safe.
 */
public final class AgentRuntime implements AgentFactory, AutoCloseable {
    /** Maximum nesting of components inside components. */
    private static final int MAX_NESTING = 32;

    private final AgentLimits limits;
    private final ParseLimits parseLimits;
    private final ComponentRuntime runtime;
    private final BiConsumer<HostLinker, AgentHost> extraImports;

    /** A runtime whose agents get the five world imports and nothing else. */
    public AgentRuntime(AgentLimits limits) {
        this(limits, (linker, host) -> { });
    }

    /**
     * @param extraImports defines further host interfaces (such as WASI) into each agent's linker,
     *                     given that agent's host; also called with a host that must not be used
     *                     when checking a component
     */
    public AgentRuntime(AgentLimits limits, BiConsumer<HostLinker, AgentHost> extraImports) {
        this.limits = limits;
        this.extraImports = extraImports;
        this.parseLimits = new ParseLimits(limits.maxComponentBytes(), MAX_NESTING);
        this.runtime = new ComponentRuntime(new RuntimeLimits(limits.maxMemoryBytes(), limits.callTimeout(), limits.boundary()),
                parseLimits);
    }

    public AgentLimits limits() {
        return limits;
    }

    /**
     * A component checked once per upload: its conformance report, when it conforms the component
     * prepared for instantiation (types resolved, imports checked), reused by every instantiation of it,
     * and the host memory its instances may reach (linear memories and tables together,
     * {@link MemoryPlan#ceilingBytes()}).
     */
    public record Checked(ConformanceReport report, PreparedComponent prepared, long memoryCeilingBytes) {}

    /**
     * Parses and checks a component file.
     *
     * @throws AgentFailure {@code COMPONENT_TOO_LARGE} or {@code INVALID_COMPONENT}
     */
    public Checked check(byte[] bytes) {
        parseLimits.sizeProblem(bytes.length).ifPresent(problem -> {
            throw new AgentFailure(AgentFailure.Kind.COMPONENT_TOO_LARGE, problem, true, null);
        });
        Component component;
        try {
            component = new ComponentParser(parseLimits).parse(bytes);
        } catch (ComponentFormatException e) {
            throw new AgentFailure(AgentFailure.Kind.INVALID_COMPONENT, "not a valid component: "
                    + Findings.clip(e.getMessage()), true, e);
        }
        HostLinker linker = linker(UNUSED_HOST);
        ResolvedComponent resolved;
        try {
            resolved = ImportCheck.resolve(component, linker);
        } catch (TypeResolutionException e) {
            throw new AgentFailure(AgentFailure.Kind.INVALID_COMPONENT, "the component's types are invalid: "
                    + Findings.clip(e.getMessage()), true, e);
        }
        ConformanceReport report = Conformance.check(resolved.type(), linker);
        // the conformance report already ran the import check prepare would repeat
        return new Checked(report, report.ok() ? new PreparedComponent(component, resolved, linker.provided()) : null,
                memoryPlan(component).ceilingBytes());
    }

    private MemoryPlan memoryPlan(Component component) {
        try {
            return runtime.memoryPlan(component);
        } catch (LinkException e) {
            throw new AgentFailure(AgentFailure.Kind.MEMORY_LIMIT, e.getMessage(), true, e);
        }
    }

    /**
     * Instantiates a checked component for {@code host}; {@code on-init} is not called yet.
     *
     * @throws AgentFailure {@code NOT_CONFORMING} listing every problem, or {@code INSTANTIATION}
     */
    @Override
    public Agent instantiate(Checked checked, AgentHost host) {
        return instantiate(checked, host, () -> { });
    }

    /**
     * {@link #instantiate(Checked, AgentHost)}, with {@code held} released when the agent is closed
     * (not when instantiation fails: the caller still has it then).
     */
    public Agent instantiate(Checked checked, AgentHost host, AutoCloseable held) {
        if (!checked.report().ok()) {
            throw new AgentFailure(AgentFailure.Kind.NOT_CONFORMING, "the component cannot run here:\n  - "
                    + String.join("\n  - ", checked.report().problems()), true, null);
        }
        try {
            HostLinker linker = linker(host);
            return new ComponentAgent(runtime.instantiate(checked.prepared(), linker), limits, linker.afterEachCall(), held);
        } catch (LinkException e) {
            throw new AgentFailure(AgentFailure.Kind.INSTANTIATION, "instantiation failed: " + e.getMessage(), true, e);
        } catch (CallTimeoutException e) {
            throw new AgentFailure(AgentFailure.Kind.TIMEOUT, "instantiation failed: " + e.getMessage(), true, e);
        } catch (Trap e) {
            throw new AgentFailure(AgentFailure.Kind.INSTANTIATION, "instantiation failed: " + e.getMessage(), true, e);
        }
    }

    /** {@link #check} then {@link #instantiate}. */
    public Agent load(byte[] bytes, AgentHost host) {
        return instantiate(check(bytes), host);
    }

    private HostLinker linker(AgentHost host) {
        HostLinker linker = AgentImports.define(new HostLinker(), host);
        extraImports.accept(linker, host);
        return linker;
    }

    /** Stands in for a host while only checking what a linker provides; never called. */
    private static final AgentHost UNUSED_HOST = new AgentHost() {
        private IllegalStateException unused() {
            return new IllegalStateException("host functions are not callable while checking a component");
        }

        @Override
        public String hostLlm(String prompt) {
            throw unused();
        }

        @Override
        public void broadcast(String message) {
            throw unused();
        }

        @Override
        public long nowMs() {
            throw unused();
        }

        @Override
        public void log(String level, String message) {
            throw unused();
        }

        @Override
        public AgentConfig getConfig() {
            throw unused();
        }
    };

    @Override
    public void close() {
        runtime.close();
    }
}
