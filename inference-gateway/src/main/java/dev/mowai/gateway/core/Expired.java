package dev.mowai.gateway.core;

/** A queued request that waited longer than the queue timeout and was dropped. */
public record Expired(long id, String agent, long waitedNanos) {}
