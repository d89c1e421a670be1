package dev.mowai.deploy;

/**
 * Run inside the runner image by {@link RunnerImageTest}: prints which polyglot runtime the image's JVM gives
 * GraalWasm, "Interpreted" for Truffle's fallback or the optimizing runtime's name (e.g. "GraalVM CE").
 * Reflection only, so that it needs nothing but the image's own jars on its class path.
 */
public final class JitCheck {
    private JitCheck() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> engineClass = Class.forName("org.graalvm.polyglot.Engine");
        Object engine = engineClass.getMethod("create").invoke(null);
        try {
            System.out.println("polyglot runtime: " + engineClass.getMethod("getImplementationName").invoke(engine));
        } finally {
            engineClass.getMethod("close").invoke(engine);
        }
    }
}
