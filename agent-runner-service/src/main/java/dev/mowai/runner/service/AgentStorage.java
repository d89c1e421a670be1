package dev.mowai.runner.service;

import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.store.AgentStore;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** The one {@link AgentStore} of this runner, in {@code mowai.data-dir}. */
public class AgentStorage {

    @Produces
    @Singleton
    AgentStore store(RunnerConfig config) {
        Path dir = Path.of(config.dataDir());
        return new AgentStore(dir, AgentStore.Settings.defaults(dir)
                .withGrace(config.store().orphanGrace(), config.store().minFreeBytes()));
    }
}
