package dev.mowai.runner.service;

import dev.mowai.runner.component.agent.AgentFailure;
import dev.mowai.runner.component.agent.AgentInfo;
import dev.mowai.runner.component.agent.AgentRuntime;
import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.core.AgentCell;
import dev.mowai.runner.core.LoadGate;
import dev.mowai.runner.core.UploadForm;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An uploaded component on its way in: checked (every problem listed), then instantiated in a compile
 * slot that {@link Admission} grants, with on-init/get-info awaited.
 */
@ApplicationScoped
public class ComponentIntake {

    @Inject
    RunnerConfig config;
    @Inject
    AgentRuntime runtime;
    @Inject
    PersonaLibrary personas;
    @Inject
    Admission admission;
    @Inject
    AgentMemory memory;

    /** The whole upload form and its component; {@link UploadRejected} lists every problem. */
    AgentRuntime.Checked check(UploadForm form) {
        long max = config.limits().maxComponentBytes();
        List<String> problems = new ArrayList<>(form.problems(personas.names(), max));
        AgentRuntime.Checked checked = null;
        if (UploadForm.componentProblem(form.wasm(), max).isEmpty()) {
            try {
                checked = runtime.check(form.wasm());
                problems.addAll(checked.report().problems());
            } catch (AgentFailure e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new UploadRejected(problems, checked == null ? null : checked.report());
        }
        return checked;
    }

    /** A hot swap's component alone. */
    AgentRuntime.Checked check(byte[] wasm) {
        UploadForm.componentProblem(wasm, config.limits().maxComponentBytes()).ifPresent(problem -> {
            throw new UploadRejected(List.of(problem), null);
        });
        AgentRuntime.Checked checked;
        try {
            checked = runtime.check(wasm);
        } catch (AgentFailure e) {
            throw new UploadRejected(List.of(e.getMessage()), null);
        }
        if (!checked.report().ok()) {
            throw new UploadRejected(checked.report().problems(), checked.report());
        }
        return checked;
    }

    /**
     * Instantiates the component in {@code cell} once a compile slot is free (the slot is held until the
     * load ends, even if this caller stops waiting). A failure rejects the upload; {@code discard} (if any)
     * is stopped then. Refused before anything changes when the runner is busy or its memory budget for
     * agents has no room for the new instance ({@link TryLater}).
     */
    AgentInfo load(AgentCell cell, AgentRuntime.Checked checked, AgentCell discard) {
        LoadGate.Permit permit = admission.enterLoad();
        CompletableFuture<AgentInfo> loading;
        try {
            loading = cell.load(checked);
        } catch (RuntimeException e) {
            permit.close();
            throw e;
        }
        loading.whenComplete((info, error) -> permit.close());
        return await(loading, checked, discard);
    }

    private AgentInfo await(CompletableFuture<AgentInfo> loading, AgentRuntime.Checked checked, AgentCell discard) {
        try {
            return loading.get(config.limits().callTimeout().toMillis() * 2 + 10_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (discard != null) {
                discard.stop();
            }
            Throwable cause = e.getCause();
            if (cause instanceof AgentFailure f && f.getCause() instanceof AgentMemory.Full) {
                throw memory.full(checked.memoryCeilingBytes());
            }
            String what = cause instanceof AgentFailure f ? f.kind().name().toLowerCase() + ": " + f.getMessage()
                    : String.valueOf(cause);
            throw new UploadRejected(List.of("the component was instantiated but on-init/get-info failed (" + what + ")"), null);
        } catch (TimeoutException e) {
            if (discard != null) {
                discard.stop();
            }
            throw new UploadRejected(List.of("on-init/get-info did not finish in time (mowai.limits.call-timeout)"), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
