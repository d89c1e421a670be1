package dev.mowai.runner.component.abi;

/**
 * A value crossing the component boundary was larger than a configured {@link BoundaryLimits} cap.
 * It is a {@link Trap} (the call fails) that names the limit, so callers can report it as a limit.
 */
public final class BoundaryLimitExceeded extends Trap {
    private final String limitName;
    private final long limit;
    private final long actual;

    public BoundaryLimitExceeded(String what, String limitName, long limit, long actual) {
        super(what + " of " + actual + " exceeds the boundary limit " + limitName + " = " + limit);
        this.limitName = limitName;
        this.limit = limit;
        this.actual = actual;
    }

    public String limitName() {
        return limitName;
    }

    public long limit() {
        return limit;
    }

    public long actual() {
        return actual;
    }
}
