package dev.mowai.runner.service;

import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.core.AgentCell;
import dev.mowai.runner.core.AgentConfig;
import dev.mowai.runner.core.AgentRuntimePort;
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
    AgentRuntimePort runtime;
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
        env = new AgentCell.Environment(config.limits().toLimits(), runtime, pool, llm, System::currentTimeMillis,
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
