package dev.mowai.runner.component.link;

import dev.mowai.runner.component.abi.CanonicalAbi;
import dev.mowai.runner.component.abi.CoreType;
import dev.mowai.runner.component.abi.Flattening;
import dev.mowai.runner.component.abi.HandleTables;
import dev.mowai.runner.component.abi.Trap;
import dev.mowai.runner.component.host.HostExit;
import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.Val;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * One instantiated component, in its own GraalWasm {@link Context}. Calls are serialised and never
 * re-entrant (a host function calling back into the instance traps). A call that fails in any way
 * (guest trap, invalid value crossing the boundary, time limit, host failure) poisons the instance:
 * it is closed and every later call is refused with the original cause.
 */
public final class ComponentInstance implements AutoCloseable {
    private final Context context;
    private final HandleTables tables = new HandleTables();
    private final RuntimeLimits limits;
    private final ComponentRuntime runtime;
    private final Map<String, ComponentFunc.Lifted> exports = new LinkedHashMap<>();
    private final Map<ComponentFunc.Lifted, List<CoreType>> resultTypes = new java.util.IdentityHashMap<>();
    private final List<Value> memories = new java.util.ArrayList<>();
    /** The core modules' Sources: while they are reachable the engine keeps them parsed (see ModuleCache). */
    private final List<Source> modules = new java.util.ArrayList<>();
    private String activeCall;
    private volatile boolean timedOut;
    private volatile RuntimeException poisoned;
    private volatile boolean closed;

    /** What the instance's memories together may reach ({@link MemoryPlan#memoryCeilingBytes()}). */
    private final long memoryCeiling;

    ComponentInstance(Context context, RuntimeLimits limits, ComponentRuntime runtime, long memoryCeiling) {
        this.context = context;
        this.limits = limits;
        this.runtime = runtime;
        this.memoryCeiling = memoryCeiling;
    }

    HandleTables tables() {
        return tables;
    }

    void addExport(String name, ComponentFunc.Lifted f) {
        exports.put(name, f);
        resultTypes.put(f, CanonicalAbi.flattenResults(f.type(), Flattening.Context.LIFT));
    }

    void retain(Source module) {
        modules.add(module);
    }

    void addMemory(Value memory) {
        memories.add(memory);
    }

    /** Exported functions by name (functions of exported instances as {@code instance#function}). */
    public Map<String, FuncType> exports() {
        Map<String, FuncType> out = new LinkedHashMap<>();
        exports.forEach((k, v) -> out.put(k, v.type()));
        return Collections.unmodifiableMap(out);
    }

    /** True once a call failed or the instance was closed: it must be discarded. */
    public boolean isPoisoned() {
        return poisoned != null || closed;
    }

    /**
     * Calls an export with lifted arguments.
     *
     * @throws IllegalArgumentException when there is no such export
     * @throws Trap                     when the call failed (the instance is then poisoned), including
     *                                  {@link CallTimeoutException} and ABI {@code BoundaryLimitExceeded}
     * @throws HostExit                 when the guest exited through {@code wasi:cli/exit}
     */
    public synchronized Optional<Val> call(String name, List<Val> args) {
        if (activeCall != null) {
            throw new Trap("re-entrant call of '" + name + "' while '" + activeCall
                    + "' is running: a component instance cannot be re-entered");
        }
        checkUsable();
        ComponentFunc.Lifted f = exports.get(name);
        if (f == null) {
            throw new IllegalArgumentException("the component has no export '" + name + "' (exports: "
                    + String.join(", ", exports.keySet()) + ")");
        }
        return guarded(name, () -> {
            Object[] core;
            try {
                core = CanonicalAbi.lowerArguments(f.type(), args, f.options(), tables);
            } catch (Trap e) {
                // the host's arguments did not fit (type, boundary cap): the guest is untouched
                if (e.getCause() == null) {
                    throw new HostArgumentException(e);
                }
                throw e;
            }
            Value r = f.coreFunc().execute(core);
            Object coreResult = coreValue(r, resultTypes.get(f));
            Optional<Val> result = CanonicalAbi.liftResult(f.type(), coreResult, f.options(), tables);
            if (f.postReturn() != null) {
                f.postReturn().execute(coreResult == null ? new Object[0] : new Object[] {coreResult});
            }
            return result;
        });
    }

    /** Runs guest code under the time limit, turning every failure into a poisoning Trap. */
    <T> T guarded(String what, Supplier<T> body) {
        activeCall = what;
        ScheduledFuture<?> timer = runtime.scheduler().schedule(this::stop, limits.callTimeout().toNanos(),
                TimeUnit.NANOSECONDS);
        try {
            return body.get();
        } catch (HostArgumentException e) {
            throw e.trap;
        } catch (LinkException e) {
            throw poison(e);
        } catch (PolyglotException e) {
            throw poison(translate(e, what));
        } catch (HostExit e) {
            poison(e);
            throw e;
        } catch (RuntimeException e) {
            throw poison(e instanceof Trap ? e : new Trap("call of '" + what + "' failed: " + e, e));
        } finally {
            timer.cancel(false);
            activeCall = null;
        }
    }

    /** Time limit reached: cancel the running guest code (from the scheduler, without blocking it). */
    private void stop() {
        timedOut = true;
        Thread.ofPlatform().daemon().name("component-call-stop").start(() -> {
            try {
                context.close(true);
            } catch (RuntimeException ignored) {
                // closing a context that is already closing
            }
        });
    }

    static final String INSTANTIATION = "instantiation";

    private RuntimeException translate(PolyglotException e, String what) {
        if (e.isHostException()) {
            Throwable h = e.asHostException();
            if (h instanceof Trap || h instanceof HostExit) {
                return (RuntimeException) h;
            }
            return new Trap("host function failed during '" + what + "': " + h, h);
        }
        if (closed && !timedOut) {
            return new Trap("the component instance was closed during '" + what + "'", e);
        }
        if (timedOut || e.isCancelled() || e.isInterrupted()) {
            return new CallTimeoutException(what, limits.callTimeout());
        }
        if (e.isResourceExhausted()) {
            return new Trap("'" + what + "' exhausted a resource: " + e.getMessage(), e);
        }
        if (what.equals(INSTANTIATION)) {
            // GraalWasm refusing a core module (validation, a missing core import) or a trapping start function
            return new LinkException("instantiation failed: " + e.getMessage() + memoryHint(), e);
        }
        return new Trap("guest trapped in '" + what + "': " + e.getMessage() + memoryHint(), e);
    }

    private String memoryHint() {
        try {
            long size = 0;
            for (Value m : memories) {
                size += m.getBufferSize();
            }
            // the memories may stop a page short of the ceiling when tables share the cap
            if (!memories.isEmpty() && size + RuntimeLimits.PAGE > memoryCeiling) {
                return " (linear memory is at its limit of " + (limits.maxMemoryBytes() >> 20) + " MiB)";
            }
        } catch (RuntimeException ignored) {
            // the context is gone; no hint
        }
        return "";
    }

    private RuntimeException poison(RuntimeException cause) {
        if (poisoned == null) {
            poisoned = cause;
            closeContext();
        }
        return cause;
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("the component instance is closed");
        }
        if (poisoned != null) {
            throw new Trap("the component instance is unusable since an earlier call failed: " + poisoned.getMessage(),
                    poisoned);
        }
    }

    static Object coreValue(Value v, List<CoreType> types) {
        if (types.isEmpty()) {
            return null;
        }
        return switch (types.getFirst()) {
            case I32 -> v.asInt();
            case I64 -> v.asLong();
            case F32 -> v.asFloat();
            case F64 -> v.asDouble();
        };
    }

    /** Guest → host: is a call in progress (host functions use it to refuse re-entrance). */
    boolean inCall() {
        return activeCall != null;
    }

    /** Closes the instance; a call running on another thread is cancelled and fails. */
    @Override
    public void close() {
        closed = true;
        closeContext();
    }

    private void closeContext() {
        try {
            context.close(true);
        } catch (RuntimeException ignored) {
            // already closed or cancelled by the time limit
        }
    }

    /** A Trap raised before any guest code ran: reported, but the instance stays usable. */
    private static final class HostArgumentException extends RuntimeException {
        final Trap trap;

        HostArgumentException(Trap trap) {
            super(trap.getMessage(), null, false, false);
            this.trap = trap;
        }
    }
}
