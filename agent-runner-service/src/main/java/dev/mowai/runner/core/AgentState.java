package dev.mowai.runner.core;

/** Lifecycle of an agent in the runner. */
public enum AgentState {
    /** Being instantiated ({@code on-init}, {@code get-info}). */
    STARTING,
    /** Instantiated and taking calls. */
    ACTIVE,
    /** Trapped too often; takes no calls until its owner uploads a new component. */
    QUARANTINED,
    /** Could not be instantiated (e.g. its stored component no longer loads). */
    FAILED,
    /** Deleted; its mailbox is closed. */
    STOPPED
}
