package dev.mowai.gateway.core;

/** What the scheduler decided about a newly submitted request. */
public sealed interface Admission {

    /** A backend slot was free: the request runs now. */
    record Started(Grant grant) implements Admission {}

    /** The request waits in its agent's queue; {@code position} counts requests of the same agent ahead of it. */
    record Queued(long id, int position) implements Admission {}

    /** The request is refused; the caller should retry after {@code retryAfterSeconds}. */
    record Rejected(long id, Reason reason, long retryAfterSeconds) implements Admission {}

    enum Reason {
        /** This agent already has as many waiting requests as it may. */
        AGENT_QUEUE_FULL,
        /** The gateway as a whole holds as many waiting requests as it may. */
        GATEWAY_QUEUE_FULL
    }
}
