package dev.mowai.runner.service;

import dev.mowai.runner.component.agent.Agent;
import dev.mowai.runner.component.agent.AgentConfig;
import dev.mowai.runner.component.agent.AgentFailure;
import dev.mowai.runner.component.agent.AgentHost;
import dev.mowai.runner.component.agent.AgentRuntime;
import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.core.AgentCell;
import dev.mowai.runner.core.MemoryBudget;
import dev.mowai.runner.core.Deadlines;
import dev.mowai.runner.core.LlmPort;
import dev.mowai.runner.core.SkillFile;
import dev.mowai.runner.core.Telemetry;
import dev.mowai.runner.core.ThoughtDepths;
import dev.mowai.runner.core.UploadForm;
import dev.mowai.runner.core.WorkerPool;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes agent cells: all share one bounded {@link WorkerPool}, the containment limits and the persona library. */
@ApplicationScoped
public class AgentCells {

    @Inject
    RunnerConfig config;
    @Inject
    AgentRuntime runtime;
    @Inject
    AgentMemory memory;
    @Inject
    LlmPort llm;
    @Inject
    Telemetry telemetry;
    @Inject
    PersonaLibrary personas;

    private WorkerPool pool;
    private ScheduledExecutorService timer;
    private AgentCell.Environment env;

    @PostConstruct
    void open() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mowai-agent-deadlines");
            t.setDaemon(true);
            return t;
        });
        // Deadline actions may block (closing a running instance), so each runs off the timer's thread.
        Deadlines deadlines = (delay, action) -> {
            ScheduledFuture<?> f = timer.schedule(() -> Thread.ofVirtual().start(action), delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
        AtomicInteger n = new AtomicInteger();
        pool = new WorkerPool(Math.max(1, config.runner().workers()), Math.max(0, config.runner().longCallLanes()),
                config.runner().longCallAfter(), deadlines, r -> {
                    Thread t = new Thread(r, "mowai-agent-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        env = new AgentCell.Environment(config.limits().toLimits(), this::instantiate, pool, llm, System::currentTimeMillis,
                new ThoughtDepths(100_000), telemetry, deadlines);
    }

    /** A cell whose system prompt is the custom SKILL.md body if there is one, else the persona's. */
    AgentCell cell(String id, AgentConfig agentConfig, String customSkill) {
        return new AgentCell(id, agentConfig, systemPrompt(customSkill, agentConfig.persona()), env);
    }

    /** The persona an upload names, or the name in its custom SKILL.md when it names none. */
    static String personaName(UploadForm form) {
        if (form.customSkill() != null && SkillFile.parse(form.customSkill()) instanceof SkillFile.Parsed.Ok ok) {
            return form.persona() == null || form.persona().isBlank() ? ok.skill().name() : form.persona().strip();
        }
        return form.persona().strip();
    }

    /** An instance of {@code checked} once the memory budget has room for it; the reservation ends with the instance. */
    private Agent instantiate(AgentRuntime.Checked checked, AgentHost host) {
        MemoryBudget.Lease lease;
        try {
            lease = memory.reserve(checked.memoryCeilingBytes());
        } catch (AgentMemory.Full e) {
            throw new AgentFailure(AgentFailure.Kind.INSTANTIATION, e.getMessage(), true, e);
        }
        try {
            return runtime.instantiate(checked, host, lease);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** Lets running calls finish for a moment, then stops the workers. */
    void close() {
        pool.close(Duration.ofSeconds(2));
        timer.shutdownNow();
    }

    private String systemPrompt(String customSkill, String persona) {
        if (customSkill != null && SkillFile.parse(customSkill) instanceof SkillFile.Parsed.Ok ok) {
            return ok.skill().body();
        }
        return personas.systemPrompt(persona).orElseGet(() -> SkillFile.fallbackPrompt(persona));
    }
}
