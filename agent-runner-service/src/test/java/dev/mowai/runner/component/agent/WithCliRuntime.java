package dev.mowai.runner.component.agent;

import dev.mowai.runner.cli.AgentCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** For test classes that run agents on {@code ./mowai agent run}'s runtime (world and WASI hosts): one per class. */
public abstract class WithCliRuntime {
    protected static AgentRuntime runtime;

    @BeforeAll
    protected static void startRuntime() {
        runtime = AgentCli.runtime(AgentLimits.DEFAULT);
    }

    @AfterAll
    protected static void stopRuntime() {
        runtime.close();
    }
}
