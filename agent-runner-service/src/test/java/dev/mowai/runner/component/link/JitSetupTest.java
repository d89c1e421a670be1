package dev.mowai.runner.component.link;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The build runs tests on the JIT-enabled JVM (surefire argLine with {@code mowai.jit.flags}); without
 * it GraalWasm falls back to its interpreter and the real agents run ~50x slower than users see.
 */
class JitSetupTest {
    @Test
    void graalWasmCompilesToNativeCode() {
        try (ComponentRuntime runtime = new ComponentRuntime(RuntimeLimits.DEFAULT)) {
            assertTrue(runtime.compilesToNativeCode(), "GraalWasm runs on the fallback (interpreter-only) runtime: "
                    + "start the JVM with -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI "
                    + "--upgrade-module-path=<dir with the Graal compiler jars>");
        }
    }
}
