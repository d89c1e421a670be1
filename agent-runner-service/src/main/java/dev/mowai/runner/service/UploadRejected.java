package dev.mowai.runner.service;

import dev.mowai.runner.component.agent.ConformanceReport;
import java.util.List;

/** An upload or hot-swap that cannot be accepted; every problem is listed. */
public final class UploadRejected extends RuntimeException {

    private final List<String> problems;
    private final transient ConformanceReport report;

    /** @param report the component's conformance report, or null when it did not get that far */
    public UploadRejected(List<String> problems, ConformanceReport report) {
        super(String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
        this.report = report;
    }

    public List<String> problems() {
        return problems;
    }

    public ConformanceReport report() {
        return report;
    }
}
