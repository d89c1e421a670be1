package dev.mowai.runner.service;

import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.core.AgentCell;
import dev.mowai.runner.core.AgentConfig;
import dev.mowai.runner.core.AgentRuntimePort;
import dev.mowai.runner.core.LlmPort;
import dev.mowai.runner.core.SkillFile;
import dev.mowai.runner.core.Telemetry;
import dev.mowai.runner.core.ThoughtDepths;
import dev.mowai.runner.core.UploadForm;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes agent cells: all share one bounded worker pool, the containment limits and the persona library. */
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

    private ExecutorService pool;
    private AgentCell.Environment env;

    @PostConstruct
    void open() {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(Math.max(1, config.runner().workers()), r -> {
            Thread t = new Thread(r, "mowai-agent-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        env = new AgentCell.Environment(config.limits().toLimits(), runtime, pool, llm, System::currentTimeMillis,
                new ThoughtDepths(100_000), telemetry);
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
        pool.shutdown();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
    }

    private String systemPrompt(String customSkill, String persona) {
        if (customSkill != null && SkillFile.parse(customSkill) instanceof SkillFile.Parsed.Ok ok) {
            return ok.skill().body();
        }
        return personas.systemPrompt(persona).orElseGet(() -> SkillFile.fallbackPrompt(persona));
    }
}
