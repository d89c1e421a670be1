package dev.mowai.arena.config;

import dev.mowai.arena.core.RelayConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Arena settings ({@code mowai.*}; environment form {@code MOWAI_*}). */
@ConfigMapping(prefix = "mowai")
public interface ArenaConfig {

    /** Secret for {@code POST /task}; when unset the endpoint refuses every call. */
    Optional<String> adminSecret();

    /** Where the transcript lives. */
    @WithDefault("./data")
    Path dataDir();

    Limits limits();

    interface Limits {
        @WithDefault("30s")
        Duration pingInterval();

        @WithDefault("90s")
        Duration silenceTimeout();

        @WithDefault("10")
        int maxErrors();

        @WithDefault("60s")
        Duration errorWindow();

        /** Sustained frames per second per agent. */
        @WithDefault("20")
        double messagesPerSecond();

        /** Frames an agent may send in a burst. */
        @WithDefault("40")
        int burst();

        /** Events a spectator may lag behind (also what {@code ?since=} can replay). */
        @WithDefault("1000")
        int spectatorQueue();

        /** Frames queued for one agent before it is closed as too slow. */
        @WithDefault("1000")
        int agentQueue();

        /** How often keepalive and silence are checked. */
        @WithDefault("1s")
        Duration tick();
    }

    default RelayConfig relayConfig() {
        Limits l = limits();
        return new RelayConfig(l.maxErrors(), l.errorWindow().toMillis(), l.pingInterval().toMillis(),
                l.silenceTimeout().toMillis(), dev.mowai.arena.protocol.Limits.CLOCK_SKEW_MS,
                l.messagesPerSecond(), l.burst(), 5, RelayConfig.ARENA_VERSION);
    }
}
