package dev.mowai.runner.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reaction depth of the thoughts this runner's agents published, so that a peer thought arriving
 * from the arena (whose wire format has no depth) can be given its depth. A thought from an agent
 * the runner does not host counts as depth 0. Bounded: the oldest entries are forgotten.
 */
public final class ThoughtDepths {

    private final Map<String, Integer> depths;

    public ThoughtDepths(int capacity) {
        this.depths = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized void record(String agentId, String taskId, int step, int depth) {
        depths.put(key(agentId, taskId, step), depth);
    }

    public synchronized int depthOf(String agentId, String taskId, int step) {
        return depths.getOrDefault(key(agentId, taskId, step), 0);
    }

    private static String key(String agentId, String taskId, int step) {
        return agentId + '/' + taskId + '/' + step;
    }
}
