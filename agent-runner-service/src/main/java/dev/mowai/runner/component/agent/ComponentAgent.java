package dev.mowai.runner.component.agent;

import dev.mowai.runner.component.abi.BoundaryLimitExceeded;
import dev.mowai.runner.component.abi.Trap;
import dev.mowai.runner.component.host.HostExit;
import dev.mowai.runner.component.link.CallTimeoutException;
import dev.mowai.runner.component.link.ComponentInstance;
import dev.mowai.runner.component.types.Val;
import dev.mowai.runner.component.types.ValType;

import java.util.List;
import java.util.Optional;

/**
 * An {@link Agent} over one component instance. After each call it runs the host's call-end actions
 * (e.g. WASI's output flush, so that a last line without a newline reaches the console); closing it
 * also releases what was held for it (e.g. its memory reservation).
 */
final class ComponentAgent implements Agent {
    private final ComponentInstance instance;
    private final AgentLimits limits;
    private final List<Runnable> afterEachCall;
    private final AutoCloseable held;
    private AgentFailure discardedBy;

    ComponentAgent(ComponentInstance instance, AgentLimits limits, List<Runnable> afterEachCall, AutoCloseable held) {
        this.instance = instance;
        this.limits = limits;
        this.afterEachCall = List.copyOf(afterEachCall);
        this.held = held;
    }

    @Override
    public void onInit() {
        call(AgentWorld.ON_INIT, List.of());
    }

    @Override
    public AgentInfo getInfo() {
        List<Val> f = ((Val.RecordVal) call(AgentWorld.GET_INFO, List.of()).orElseThrow()).fields();
        return new AgentInfo(field(f, "name"), field(f, "version"), field(f, "color"), field(f, "persona"));
    }

    @Override
    public String handleTask(String taskDescription) {
        return text(call(AgentWorld.HANDLE_TASK, List.of(new Val.Str(taskDescription))).orElseThrow());
    }

    @Override
    public void onPeerThought(String peerId, String thought) {
        call(AgentWorld.ON_PEER_THOUGHT, List.of(new Val.Str(peerId), new Val.Str(thought)));
    }

    @Override
    public boolean usable() {
        return discardedBy == null && !instance.isPoisoned();
    }

    @Override
    public void close() {
        try {
            instance.close();
        } finally {
            try {
                held.close();
            } catch (Exception e) {
                throw new IllegalStateException("releasing what the agent held failed", e);
            }
        }
    }

    private Optional<Val> call(String export, List<Val> args) {
        if (discardedBy != null) {
            throw new AgentFailure(AgentFailure.Kind.DISCARDED, "the agent was discarded after an earlier failure: "
                    + discardedBy.getMessage(), true, discardedBy);
        }
        try {
            return instance.call(export, args);
        } catch (CallTimeoutException e) {
            throw discard(AgentFailure.Kind.TIMEOUT, e.getMessage(), e);
        } catch (BoundaryLimitExceeded e) {
            throw failure(AgentFailure.Kind.BOUNDARY_LIMIT, "'" + export + "': " + e.getMessage(), e);
        } catch (HostExit e) {
            throw discard(AgentFailure.Kind.TRAP, "'" + export + "': " + e.getMessage(), e);
        } catch (Trap e) {
            AgentFailure.Kind kind = atMemoryLimit(e) ? AgentFailure.Kind.MEMORY_LIMIT : AgentFailure.Kind.TRAP;
            throw failure(kind, e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw discard(AgentFailure.Kind.DISCARDED, "the agent is closed", e);
        } finally {
            afterEachCall.forEach(Runnable::run);
        }
    }

    /** A trap while the memory was full: the memory cap made the guest fail. */
    private boolean atMemoryLimit(Trap e) {
        return e.getMessage() != null && e.getMessage().contains("linear memory is at its limit of "
                + (limits.maxMemoryBytes() >> 20) + " MiB");
    }

    /** Host-side refusals (guest untouched) leave the agent usable; anything else discards it. */
    private AgentFailure failure(AgentFailure.Kind kind, String message, Throwable cause) {
        if (instance.isPoisoned()) {
            return discard(kind, message, cause);
        }
        return new AgentFailure(kind, message + " (the agent is still usable)", false, cause);
    }

    private AgentFailure discard(AgentFailure.Kind kind, String message, Throwable cause) {
        AgentFailure f = new AgentFailure(kind, message + " (the agent was discarded)", true, cause);
        discardedBy = f;
        instance.close();
        return f;
    }

    /** A field of agent-info by name, wherever wit/agent.wit puts it. */
    private static String field(List<Val> fields, String name) {
        List<ValType.Field> declared = AgentWorld.AGENT_INFO.fields();
        for (int i = 0; i < declared.size(); i++) {
            if (declared.get(i).name().equals(name)) {
                return text(fields.get(i));
            }
        }
        throw new IllegalStateException("agent-info has no field " + name);
    }

    private static String text(Val v) {
        return ((Val.Str) v).value();
    }
}
