package dev.mowai.runner.component.link;

import java.util.List;

/**
 * A component that cannot be instantiated: imports the host does not provide (all of them listed),
 * unsupported features, or a core module GraalWasm refuses. Nothing was left running.
 */
public final class LinkException extends RuntimeException {
    private final List<String> problems;

    public LinkException(List<String> problems) {
        super(problems.size() == 1 ? problems.getFirst()
                : "cannot instantiate the component:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public LinkException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    public LinkException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
