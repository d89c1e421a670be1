package dev.mowai.runner.component.link;

import dev.mowai.runner.component.binary.Component;
import dev.mowai.runner.component.binary.ComponentParser;
import dev.mowai.runner.component.binary.ParseLimits;
import dev.mowai.runner.component.host.HostLinker;
import dev.mowai.runner.component.types.Findings;
import dev.mowai.runner.component.types.ResolvedComponent;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;

/**
 * Runs components on GraalWasm: one shared {@link Engine} (so parsed and compiled core modules are
 * shared), core modules cached by content hash, one {@link Context} per component instance.
 * Thread-safe; close it to release the engine.
 */
public final class ComponentRuntime implements AutoCloseable {
    private final Engine engine;
    private final ModuleCache modules;
    private final RuntimeLimits limits;
    private final ParseLimits parseLimits;
    private final ScheduledExecutorService scheduler;

    public ComponentRuntime(RuntimeLimits limits, ParseLimits parseLimits) {
        this.limits = limits;
        this.parseLimits = parseLimits;
        this.engine = Engine.newBuilder("wasm").build();
        this.modules = new ModuleCache();
        ScheduledThreadPoolExecutor timer = (ScheduledThreadPoolExecutor) Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "component-call-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.scheduler = timer;
    }

    public ComponentRuntime(RuntimeLimits limits) {
        this(limits, ParseLimits.DEFAULT);
    }

    /**
     * Whether GraalWasm compiles hot code to native code. False means the JVM runs without the Graal
     * JIT (see {@code mowai.jit.flags} in agent-runner-service/pom.xml) and guests run ~50x slower.
     */
    public boolean compilesToNativeCode() {
        return !"Interpreted".equals(engine.getImplementationName());
    }

    public RuntimeLimits limits() {
        return limits;
    }

    /** Parses (with this runtime's size cap) and instantiates. */
    public ComponentInstance instantiate(byte[] component, HostLinker host) {
        return instantiate(new ComponentParser(parseLimits).parse(component), host);
    }

    /** {@link #prepare} then {@link #instantiate(PreparedComponent, HostLinker)}. */
    public ComponentInstance instantiate(Component component, HostLinker host) {
        return instantiate(prepare(component, host), host);
    }

    /**
     * Resolves a component's types and checks its imports against {@code host}, once.
     *
     * @throws LinkException listing every import the host cannot satisfy
     * @throws dev.mowai.runner.component.types.TypeResolutionException when its types are invalid
     */
    public static PreparedComponent prepare(Component component, HostLinker host) {
        return prepare(component, ImportCheck.resolve(component, host), host);
    }

    /** Checks the imports of a component whose types were already resolved with {@code host}'s resources. */
    public static PreparedComponent prepare(Component component, ResolvedComponent types, HostLinker host) {
        Findings findings = ImportCheck.check(types.type(), host);
        if (findings.hasProblems()) {
            throw new LinkException(findings.problems());
        }
        return new PreparedComponent(component, types, host.provided());
    }

    /**
     * Instantiates a prepared component with the host's implementations of its imports; nothing is
     * parsed, resolved or checked again.
     *
     * @throws LinkException when {@code host} does not provide what the component was prepared
     *                       against, or GraalWasm refused a core module or its start function trapped
     * @throws CallTimeoutException when a start function runs past the call time limit
     * @throws dev.mowai.runner.component.abi.Trap when a host function failed during a start function
     */
    public ComponentInstance instantiate(PreparedComponent prepared, HostLinker host) {
        if (!host.provided().equals(prepared.provided())) {
            throw new LinkException("this host does not provide the same imports as the one the component was "
                    + "prepared against: prepare it for this host");
        }
        MemoryPlan plan = memoryPlan(prepared.component());
        Context context = Context.newBuilder("wasm").engine(engine).build();
        ComponentInstance instance = new ComponentInstance(context, limits, this, plan.memoryCeilingBytes());
        try {
            new Instantiator(prepared, host, context, instance, modules, plan, limits).run();
            return instance;
        } catch (RuntimeException e) {
            instance.close();
            throw e;
        }
    }

    /**
     * The memories and tables the component would get here, bounded together by {@link RuntimeLimits#maxMemoryBytes()}.
     *
     * @throws LinkException when their minima alone exceed it, or a core module is malformed
     */
    public MemoryPlan memoryPlan(Component component) {
        return MemoryPlan.of(component, limits.maxMemoryBytes());
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        engine.close(true);
    }
}
