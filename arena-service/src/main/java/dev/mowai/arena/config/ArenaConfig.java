package dev.mowai.arena.config;

import dev.mowai.arena.core.RelayConfig;
import dev.mowai.arena.core.TranscriptPolicy;
import io.quarkus.runtime.configuration.MemorySize;
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

    /**
     * Key shared with the runners (at least 16 characters): their agents prove their ids with it in
     * AGENT_CONNECT, and an id once proven is refused to connections without proof. Unset: ids are first-come.
     */
    Optional<String> agentKey();

    /**
     * Key shared with the inference gateway only (at least 16 characters, env MOWAI_GATEWAY_ARENA_KEY; the
     * gateway's mowai.gateway.arena-key): it proves the moderator's calls. Unset: they go unsigned and wait in
     * the gateway's shared queue.
     */
    Optional<String> gatewayArenaKey();

    /** The inference gateway the moderator asks (env MOWAI_GATEWAY_URL, as for the runner). */
    @WithDefault("http://localhost:8082")
    String gatewayUrl();

    Moderator moderator();

    /** {@code mowai.moderator.*}: the conclusion the gateway writes when no synthesiser agent does. */
    interface Moderator {
        /** The longest conclusion asked for, in tokens (the gateway caps it with its own limit too). */
        @WithDefault("400")
        int maxTokens();
    }

    /** Where the transcript lives. */
    @WithDefault("./data")
    Path dataDir();

    Limits limits();

    TranscriptSettings transcript();

    /** {@code mowai.transcript.*}: durability and size of {@code <data-dir>/transcript.jsonl}. */
    interface TranscriptSettings {
        /** always | interval | never: when appended events are forced to disk (see README). */
        @WithDefault("interval")
        TranscriptPolicy.Sync fsync();

        /** With fsync=interval: the longest an event stays only in the page cache. */
        @WithDefault("1s")
        Duration fsyncInterval();

        /** Rotate the active file at this size (compacting the restart state into the new one); 0: never. */
        @WithDefault("64M")
        MemorySize maxBytes();

        /** Rotated files kept (transcript.1.jsonl newest). */
        @WithDefault("3")
        int keepFiles();

        /**
         * Finished debate sessions a rotation carries into the new file (running ones always move on);
         * older ones stay in the rotated files, and a restart no longer lists them.
         */
        @WithDefault("100")
        int keepSessions();
    }

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

        /**
         * Agent sockets from one client address that may be open without having sent AGENT_CONNECT
         * (a runner restoring its agents opens one per agent at once, all from its own address).
         */
        @WithDefault("64")
        int pendingPerAddress();

        /** Agent sockets in all that may be open without having sent AGENT_CONNECT. */
        @WithDefault("256")
        int pendingTotal();

        /** An agent socket that has not sent AGENT_CONNECT by then is closed. */
        @WithDefault("10s")
        Duration joinTimeout();

        /** Frames (PING, PONG) a socket may send before AGENT_CONNECT in a burst … */
        @WithDefault("5")
        int preJoinBurst();

        /** … and per second after the burst. */
        @WithDefault("1")
        double preJoinRate();
    }

    default TranscriptPolicy transcriptPolicy() {
        TranscriptSettings t = transcript();
        return new TranscriptPolicy(t.fsync(), t.fsyncInterval().toNanos(), t.maxBytes().asLongValue(), t.keepFiles());
    }

    default RelayConfig relayConfig() {
        Limits l = limits();
        return new RelayConfig(l.maxErrors(), l.errorWindow().toMillis(), l.pingInterval().toMillis(),
                l.silenceTimeout().toMillis(), dev.mowai.arena.protocol.Limits.CLOCK_SKEW_MS,
                l.messagesPerSecond(), l.burst(), 5, RelayConfig.ARENA_VERSION);
    }
}
