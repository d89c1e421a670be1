package dev.mowai.runner.service;

import java.util.List;

/** An upload or hot-swap that cannot be accepted; every problem is listed. */
public final class UploadRejected extends RuntimeException {

    private final List<String> problems;
    private final transient Object report;

    public UploadRejected(List<String> problems, Object report) {
        super(String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
        this.report = report;
    }

    public List<String> problems() {
        return problems;
    }

    public Object report() {
        return report;
    }
}
