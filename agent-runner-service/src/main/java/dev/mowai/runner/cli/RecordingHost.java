package dev.mowai.runner.cli;

import dev.mowai.runner.component.agent.AgentConfig;
import dev.mowai.runner.component.agent.AgentHost;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The host of {@code ./mowai agent run}: records what the agent does, and answers {@code host-llm}
 * offline with {@code "echo: " + prompt} (the reference host's behaviour, so runs are comparable), or
 * with what {@code llm} answers ({@code --gateway}).
 */
public final class RecordingHost implements AgentHost {
    public record LogLine(String level, String message) {}

    private final AgentConfig config;
    private final List<String> broadcasts = new ArrayList<>();
    private final List<LogLine> logs = new ArrayList<>();
    private final List<String> llmPrompts = new ArrayList<>();
    private final UnaryOperator<String> llm;
    private Runnable outputFlusher = () -> { };

    public RecordingHost(AgentConfig config) {
        this(config, prompt -> "echo: " + prompt);
    }

    public RecordingHost(AgentConfig config, UnaryOperator<String> llm) {
        this.config = config;
        this.llm = llm;
    }

    @Override
    public String hostLlm(String prompt) {
        llmPrompts.add(prompt);
        return llm.apply(prompt);
    }

    @Override
    public void broadcast(String message) {
        broadcasts.add(message);
    }

    @Override
    public long nowMs() {
        return System.currentTimeMillis();
    }

    @Override
    public void log(String level, String message) {
        logs.add(new LogLine(level, message));
    }

    @Override
    public AgentConfig getConfig() {
        return config;
    }

    /** What delivers the agent's pending partial output lines (WASI stdout/stderr) at the end of a run. */
    public void setOutputFlusher(Runnable flusher) {
        this.outputFlusher = flusher;
    }

    /** Delivers pending partial output lines into the logs. */
    public void flushOutput() {
        outputFlusher.run();
    }

    public List<String> broadcasts() {
        return broadcasts;
    }

    public List<LogLine> logs() {
        return logs;
    }

    public List<String> llmPrompts() {
        return llmPrompts;
    }
}
