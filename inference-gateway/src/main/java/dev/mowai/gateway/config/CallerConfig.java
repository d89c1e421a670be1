package dev.mowai.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code mowai.gateway.*}: who may speak for an agent (see {@code CallerSignature}). */
@ConfigMapping(prefix = "mowai.gateway")
public interface CallerConfig {

    /**
     * Key shared with the runners (at least 16 characters; env MOWAI_GATEWAY_KEY, the runner's mowai.gateway-key).
     * Unset: nobody can sign, and every caller shares the unsigned queue.
     */
    Optional<String> key();

    /**
     * Key shared with the arena only (at least 16 characters, not the runners' key; env MOWAI_GATEWAY_ARENA_KEY):
     * it proves the arena's moderator calls, caller id "arena". Unset: the arena's calls join the unsigned queue.
     */
    Optional<String> arenaKey();

    /** How far a signature's time may be from the gateway's clock. */
    @WithDefault("60s")
    Duration signatureWindow();
}
