package dev.mowai.runner.component.link;

import dev.mowai.runner.component.binary.Component;
import dev.mowai.runner.component.binary.ComponentParser;
import dev.mowai.runner.component.types.TypeResolver;
import dev.mowai.runner.component.types.Val;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark main (not a test) of the parser and linker on the real test agents, with baselines from
 * the same run: parse vs SHA-256 of the same bytes, cached instantiation vs the first one in a fresh
 * runtime, a handle-task round trip vs a call of the trivial export get-info.
 *
 * <p>Run after the Maven build (JIT flags as in the pom):
 * {@code java $(mowai.jit.flags) -cp target/test-classes:target/classes:$(deps) dev.mowai.runner.component.link.LinkBench [agent...]}
 */
public final class LinkBench {
    private LinkBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> agents = args.length > 0 ? List.of(args) : List.of("c-reactor", "js");
        for (String agent : agents) {
            byte[] bytes = Files.readAllBytes(TestAgents.DIR.resolve(agent + ".wasm"));
            System.out.printf("== %s (%d bytes)%n", agent, bytes.length);
            double hash = median(20, () -> MessageDigest.getInstance("SHA-256").digest(bytes));
            double parse = median(20, () -> new ComponentParser().parse(bytes));
            Component component = new ComponentParser().parse(bytes);
            double resolve = median(20, () -> TypeResolver.resolve(component));
            System.out.printf("parse %.2f ms (%.2fx sha-256 of the bytes = %.2f ms), type resolution %.2f ms%n",
                    parse, parse / hash, hash, resolve);

            long t0 = System.nanoTime();
            ComponentRuntime fresh = new ComponentRuntime(RuntimeLimits.DEFAULT);
            fresh.instantiate(component, new WorldHost().linker()).close();
            double uncached = (System.nanoTime() - t0) / 1e6;
            try (ComponentRuntime runtime = fresh) {
                double cached = median(20, () -> runtime.instantiate(component, new WorldHost().linker()).close());
                System.out.printf("instantiate: first in a fresh runtime %.1f ms, cached %.2f ms (%.1fx faster)%n",
                        uncached, cached, uncached / cached);
                // what a restart after a trap costs: prepared once (resolved + checked), or all again
                PreparedComponent prepared = ComponentRuntime.prepare(component, new WorldHost().linker());
                double again = median(20, () -> runtime.instantiate(prepared, new WorldHost().linker()).close());
                System.out.printf("instantiate a prepared component %.2f ms vs resolve + check + instantiate %.2f ms%n",
                        again, cached);
                WorldHost host = new WorldHost();
                try (ComponentInstance instance = runtime.instantiate(component, host.linker())) {
                    List<Val> task = List.of(new Val.Str("Name a planet"));
                    for (int i = 0; i < 2000; i++) { // warm-up for the JIT
                        instance.call("handle-task", task);
                        instance.call("get-info", List.of());
                        host.broadcasts.clear();
                        host.prompts.clear();
                    }
                    double roundTrip = median(200, () -> instance.call("handle-task", task)) * 1000;
                    double info = median(200, () -> instance.call("get-info", List.of())) * 1000;
                    System.out.printf("handle-task round trip %.1f us (4 host calls), get-info %.1f us (%.1fx)%n",
                            roundTrip, info, roundTrip / info);
                }
            }
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    /** Median of {@code runs} timed runs after as many untimed warm-up runs. */
    private static double median(int runs, Body body) throws Exception {
        for (int i = 0; i < runs; i++) {
            body.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            body.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }
}
