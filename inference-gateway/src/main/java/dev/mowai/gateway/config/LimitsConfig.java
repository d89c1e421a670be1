package dev.mowai.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code mowai.limits.*}: what one request may contain. */
@ConfigMapping(prefix = "mowai.limits")
public interface LimitsConfig {

    @WithDefault("64")
    int maxMessages();

    @WithDefault("16384")
    int maxMessageChars();

    @WithDefault("32768")
    int maxPromptChars();

    @WithDefault("2048")
    int maxTokens();

    @WithDefault("64")
    int maxAgentIdChars();

    /** Distinct agent ids that get their own metric series; later ones are counted as "other". */
    @WithDefault("500")
    int maxAgentMetricSeries();
}
