package dev.mowai.gateway.core;

/** Permission for request {@code id} of {@code agent} to call the backend, after waiting {@code waitedNanos}. */
public record Grant(long id, String agent, long waitedNanos) {}
