package dev.mowai.runner.component.wasi;

import dev.mowai.runner.component.abi.Trap;
import dev.mowai.runner.component.host.HostInterface;
import dev.mowai.runner.component.host.HostLinker;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The WASI 0.2 host of one agent instance: a sandbox with an empty environment, no arguments, no
 * terminal, an empty stdin, stdout/stderr into the agent's log (rate-limited), real clocks and
 * randomness, no preopened directories, and a network that refuses every attempt to reach it.
 * Create one per component instance and {@link #defineAll define} it into that instance's linker.
 */
public final class WasiHost {
    /** The version of every WASI interface implemented here; 0.2.0 … 0.2.12 imports resolve to it. */
    public static final String VERSION = "0.2.12";

    private static final SecureRandom SECURE = new SecureRandom();

    private final WasiConfig config;
    private final WasiClock clock;
    private final LogChannel stdout;
    private final LogChannel stderr;
    private final SplittableRandom insecure;
    private final long[] insecureSeed;

    public WasiHost(WasiConfig config, WasiLog log) {
        this(config, log, WasiClock.system());
    }

    public WasiHost(WasiConfig config, WasiLog log, WasiClock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(log, "log");
        LogLimiter limiter = new LogLimiter(config.logBurstBytes(), config.logBytesPerSecond(), clock);
        this.stdout = new LogChannel(config.stdoutLevel(), log, limiter, config.maxLineBytes());
        this.stderr = new LogChannel(config.stderrLevel(), log, limiter, config.maxLineBytes());
        this.insecure = new SplittableRandom(SECURE.nextLong());
        this.insecureSeed = new long[] {SECURE.nextLong(), SECURE.nextLong()};
    }

    /** Every WASI interface of this host, at {@link #VERSION}. */
    public List<HostInterface> interfaces() {
        List<HostInterface> all = new ArrayList<>();
        all.add(Io.error(VERSION));
        all.add(Io.poll(VERSION, this));
        all.add(Io.streams(VERSION));
        all.addAll(Clocks.interfaces(VERSION, this));
        all.addAll(Random.interfaces(VERSION, this));
        all.addAll(Cli.interfaces(VERSION, this));
        all.addAll(Filesystem.interfaces(VERSION));
        all.addAll(Sockets.interfaces(VERSION));
        all.addAll(Http.interfaces(VERSION));
        return all;
    }

    /** Defines every WASI interface into {@code linker}; returns it. */
    public HostLinker defineAll(HostLinker linker) {
        interfaces().forEach(linker::define);
        // what a call printed without a final newline is a line of its own, not glued to the next call's
        linker.afterEachCall(this::flushOutput);
        return linker;
    }

    /**
     * Delivers pending partial lines of stdout and stderr: after each export call ({@link #defineAll}
     * arranges it), so that output without a final newline reaches the log with the call that wrote it.
     */
    public void flushOutput() {
        stdout.flush();
        stderr.flush();
    }

    WasiConfig config() {
        return config;
    }

    WasiClock clock() {
        return clock;
    }

    LogChannel stdout() {
        return stdout;
    }

    LogChannel stderr() {
        return stderr;
    }

    SecureRandom secureRandom() {
        return SECURE;
    }

    SplittableRandom insecureRandom() {
        return insecure;
    }

    long[] insecureSeed() {
        return insecureSeed.clone();
    }

    /**
     * Blocks until the monotonic clock reaches {@code deadline}. A wait longer than the configured
     * maximum traps at once (a hostile guest must not park a runner thread); an interrupt (the
     * call's time limit) ends the wait with a trap.
     */
    void waitUntil(long deadline, String where) {
        long remaining = deadline - clock.monotonicNanos();
        if (deadline == Long.MIN_VALUE || remaining <= 0) {
            return;
        }
        long max = config.maxBlock().toNanos();
        if (remaining > max) {
            throw new Trap(where + ": the agent asked to wait " + seconds(remaining) + " s, longer than the "
                    + seconds(max) + " s a blocking call may take");
        }
        try {
            while (remaining > 0) {
                clock.sleep(remaining);
                remaining = deadline - clock.monotonicNanos();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Trap(where + ": interrupted while waiting", e);
        }
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e9);
    }
}
