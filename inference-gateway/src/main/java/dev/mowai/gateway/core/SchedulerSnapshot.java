package dev.mowai.gateway.core;

import java.util.Map;

/** A consistent view of the scheduler for metrics and health. */
public record SchedulerSnapshot(int running, int queued, Map<String, Integer> queuedByAgent) {}
