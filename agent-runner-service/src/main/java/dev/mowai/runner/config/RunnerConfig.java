package dev.mowai.runner.config;

import dev.mowai.runner.core.Limits;
import dev.mowai.runner.protocol.ArenaWire;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** The runner's configuration: {@code mowai.*} (environment form {@code MOWAI_*}). */
@ConfigMapping(prefix = "mowai")
public interface RunnerConfig {

    /** Where components, agent records and token hashes live. */
    @WithDefault("./data")
    String dataDir();

    /** The arena's WebSocket URL, e.g. {@code ws://localhost:8080}; agents take their seats at {@code /ws}. Unset: agents run without the arena. */
    Optional<String> arenaUrl();

    /** The inference gateway's base URL. */
    @WithDefault("http://localhost:8082")
    String gatewayUrl();

    /**
     * Key shared with the arena (at least 16 characters): each agent's AGENT_CONNECT carries a credential made
     * with it, so nobody else can take the agent's seat. Unset: the agents' ids are first-come in the arena.
     */
    Optional<String> agentKey();

    /**
     * Key shared with the gateway (at least 16 characters): host-llm calls carry {@code X-Mowai-Agent-Signature},
     * so each agent gets its own fair-share queue. Unset: the gateway puts all of them in its one unsigned queue.
     */
    Optional<String> gatewayKey();

    /** When set, uploads must carry it in {@code X-Join-Code}. */
    Optional<String> joinCode();

    /** Folder with {@code <persona>/SKILL.md}; relative paths are tried from the working directory and its parent. */
    @WithDefault("personas")
    String personasDir();

    Runner runner();

    LimitsConfig limits();

    Cluster cluster();

    Store store();

    /** How the data directory is kept. */
    interface Store {
        /** Components no record refers to (and leftovers in tmp/) are kept this long, for repairs and in-flight uploads. */
        @WithDefault("24h")
        Duration orphanGrace();

        /** Writes that would leave less free space are refused (507) and readiness goes DOWN below it. */
        @WithDefault("67108864")
        long minFreeBytes();
    }

    /** Several runner replicas: requests for an agent another replica hosts are forwarded to it. */
    interface Cluster {
        /** This replica's name (the pod name), sent in {@code X-Mowai-Forwarded-By}. */
        @WithDefault("runner")
        String self();

        /** {@code host:port} whose DNS A records are the replicas (the StatefulSet's headless Service); unset = one replica. */
        Optional<String> peers();

        /**
         * The key replicas share: sent with every call to another replica, and required of every request
         * that says it was forwarded ({@code X-Mowai-Forwarded-By}). Unset: replicas trust each other's header.
         */
        Optional<String> key();

        /** Connections to other replicas for forwarded requests; consoles have a pool of the same size of their own. */
        @WithDefault("64")
        int poolSize();

        /** A forwarded request or console with no data either way for this long is closed (a page reconnects its console). */
        @WithDefault("5m")
        Duration idleTimeout();
    }

    /** How the runner schedules and connects its agents. */
    interface Runner {
        /** Threads that run calls into agents; each agent uses at most one at a time. */
        @WithDefault("16")
        int workers();

        /** A call still running after this gives its worker up and goes on in a long-call lane (if one is free). */
        @WithDefault("2s")
        Duration longCallAfter();

        /** Calls that may go on in lanes beyond {@code workers}; 0 = long calls keep their workers. */
        @WithDefault("16")
        int longCallLanes();

        /** Agents this runner hosts at most; further uploads get 503. */
        @WithDefault("1000")
        int maxAgents();

        /** First reconnect delay after the arena connection drops (doubles up to {@code reconnect-max}). */
        @WithDefault("500ms")
        Duration reconnectBase();

        @WithDefault("30s")
        Duration reconnectMax();

        /** How long the gateway may take to answer one host-llm call. */
        @WithDefault("120s")
        Duration llmTimeout();
    }

    /** Containment limits, see {@link Limits}. */
    interface LimitsConfig {
        @WithDefault("33554432")
        long maxComponentBytes();

        /** Wall-clock limit of one call into an agent, host-llm waits included. */
        @WithDefault("60s")
        Duration callTimeout();

        /**
         * All linear memories and tables of one agent together. 64 MiB: a JavaScript agent starts with 9 MiB,
         * and every agent reserves this much of {@link #memoryBudgetBytes()}.
         */
        @WithDefault("67108864")
        long memoryMaxBytes();

        /**
         * What all agents' memories and tables may reach together; each instance reserves its ceiling at load.
         * Unset = 60% of the maximum heap.
         */
        java.util.OptionalLong memoryBudgetBytes();

        @WithDefault("8")
        int llmCallsPerTask();

        @WithDefault("16000")
        int promptMaxChars();

        @WithDefault("16")
        int broadcastsPerTask();

        @WithDefault("60")
        int broadcastsPerMinute();

        @WithDefault("1024")
        int thoughtMaxChars();

        @WithDefault("2048")
        int responseMaxChars();

        @WithDefault("2")
        int cascadeDepth();

        @WithDefault("3")
        int quarantineTraps();

        @WithDefault("10m")
        Duration quarantineWindow();

        /** After a quarantine, how long until a hot swap (of a different component) may lift it. */
        @WithDefault("1m")
        Duration quarantineCooldown();

        @WithDefault("64")
        int mailboxCapacity();

        @WithDefault("2000")
        int logLineMaxChars();

        @WithDefault("600")
        int logLinesPerMinute();

        /** host-llm calls one agent may make per minute in all (tasks, reactions, trials). */
        @WithDefault("40")
        int llmCallsPerMinute();

        /** Wall-clock limit of one on-peer-thought call; a reaction gets less time than a task. */
        @WithDefault("15s")
        Duration reactionTimeout();

        /** Components instantiated at once (uploads, hot swaps, restores); unset = the number of CPUs. */
        OptionalInt concurrentLoads();

        /** Uploads and hot swaps that may wait for a compile slot; beyond them: 503. */
        @WithDefault("16")
        int loadQueue();

        /** How long an upload or hot swap waits in that queue before it gets 503. */
        @WithDefault("30s")
        Duration loadWait();

        /** Upload attempts per client address (IPv6: per /64) and {@code rate-window}; 0 = no limit. */
        @WithDefault("60")
        int uploadsPerClient();

        /** Hot swaps per agent and {@code rate-window}; 0 = no limit. */
        @WithDefault("20")
        int hotSwapsPerAgent();

        /** Trials per agent and {@code rate-window}; 0 = no limit. */
        @WithDefault("30")
        int trialsPerAgent();

        /** The window of the three rates above: a full allowance at once, refilled evenly over the window. */
        @WithDefault("1m")
        Duration rateWindow();

        default Limits toLimits() {
            return new Limits(maxComponentBytes(), callTimeout(), memoryMaxBytes(), llmCallsPerTask(), promptMaxChars(),
                    broadcastsPerTask(), broadcastsPerMinute(), Math.min(thoughtMaxChars(), ArenaWire.THOUGHT_MAX),
                    Math.min(responseMaxChars(), ArenaWire.RESPONSE_MAX), cascadeDepth(), quarantineTraps(), quarantineWindow(),
                    mailboxCapacity(), logLineMaxChars(), logLinesPerMinute(), llmCallsPerMinute(),
                    reactionTimeout().compareTo(callTimeout()) < 0 ? reactionTimeout() : callTimeout());
        }
    }
}
