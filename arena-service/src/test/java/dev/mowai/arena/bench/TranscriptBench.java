package dev.mowai.arena.bench;

import dev.mowai.arena.core.TranscriptPolicy;
import dev.mowai.arena.core.TranscriptPolicy.Sync;
import dev.mowai.arena.protocol.ArenaEvent;
import dev.mowai.arena.protocol.Inbound;
import dev.mowai.arena.protocol.Outbound;
import dev.mowai.arena.transcript.Transcript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Benchmark, not a test ({@code ./mowai bench transcript [events] [dir]}): appends the same agent
 * thoughts (about 300 bytes each) to a fresh transcript under each fsync policy, and once with rotation
 * at 1 MB, in one run on one disk, and prints events/s and p50/p99/max append latency. {@code never} is
 * the baseline: what the OS page cache alone costs. Run it on the disk the arena's data directory uses.
 */
public final class TranscriptBench {

    private record Case(String name, TranscriptPolicy policy) {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path parent = Files.createDirectories(args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir")));
        Path base = Files.createTempDirectory(parent, "mowai-transcript-bench");
        List<ArenaEvent> thoughts = thoughts(events);
        long second = 1_000_000_000L;
        List<Case> cases = List.of(
                new Case("never", new TranscriptPolicy(Sync.NEVER, 0, 0, 0)),
                new Case("interval 1s", new TranscriptPolicy(Sync.INTERVAL, second, 0, 0)),
                new Case("interval 1s + rotation at 1 MB", new TranscriptPolicy(Sync.INTERVAL, second, 1 << 20, 3)),
                new Case("always", new TranscriptPolicy(Sync.ALWAYS, 0, 0, 0)));
        try {
            run(cases.get(0), base.resolve("warm-up"), thoughts.subList(0, Math.min(events, 5_000)));
            System.out.printf("%d events of ~%d bytes in %s%n", events, thoughts.get(0).json().length() + 1, base);
            System.out.println("policy                            events/s    p50 us    p99 us    max us  rotations");
            for (Case c : cases) run(c, base.resolve(c.name().replaceAll("\\W+", "-")), thoughts);
        } finally {
            try (Stream<Path> all = Files.walk(base)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Case c, Path dir, List<ArenaEvent> events) throws Exception {
        long[] nanos = new long[events.size()];
        int rotations;
        long start = System.nanoTime();
        try (Transcript t = Transcript.open(dir, c.policy(), 1000, 5, 100, System::nanoTime)) {
            for (int i = 0; i < events.size(); i++) {
                long t0 = System.nanoTime();
                t.append(events.get(i));
                nanos[i] = System.nanoTime() - t0;
            }
            rotations = t.rotations();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (dir.getFileName().toString().equals("warm-up")) return;
        Arrays.sort(nanos);
        System.out.printf("%-32s %9.0f %9.1f %9.1f %9.1f %10d%n", c.name(), events.size() / seconds,
                nanos[nanos.length / 2] / 1e3, nanos[(int) (nanos.length * 0.99)] / 1e3, nanos[nanos.length - 1] / 1e3, rotations);
    }

    private static List<ArenaEvent> thoughts(int n) {
        String agent = UUID.randomUUID().toString();
        String task = UUID.randomUUID().toString();
        String content = "Considering the task from my persona's angle, the next step is to compare the options. ";
        return java.util.stream.LongStream.rangeClosed(1, n)
                .mapToObj(seq -> Outbound.thought(seq, new Inbound.Thought(agent, seq, 0, task, seq, content + seq), 1, seq))
                .toList();
    }
}
