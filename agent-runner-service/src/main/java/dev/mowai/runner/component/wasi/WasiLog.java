package dev.mowai.runner.component.wasi;

/**
 * Where a guest's stdout and stderr go: the agent's log, one call per line, with the level the
 * configuration gives each stream ({@code info} for stdout, {@code error} for stderr by default).
 */
@FunctionalInterface
public interface WasiLog {
    void log(String level, String message);
}
