package dev.mowai.runner.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.store.AgentStore;
import dev.mowai.runner.store.StoredAgent;
import dev.mowai.runner.store.Tokens;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostedAgentTest {

    @TempDir
    Path dir;

    StoredAgent record(AgentStore store) {
        return new StoredAgent(UUID.randomUUID().toString(), "Ada", "#fff", "pragmatist", null,
                store.putComponent(new byte[] {1}), Tokens.hash("t"), 1, false, List.of());
    }

    @Test
    void concurrentTaskMemoryHotSwapAndQuarantineUpdatesAreAllKept() throws Exception {
        // Each used to read the record, change one field and write it back: the last writer won.
        AgentStore store = new AgentStore(dir);
        StoredAgent first = record(store);
        String swapped = store.putComponent(new byte[] {2});
        HostedAgent hosted = new HostedAgent(null, first);
        Thread memory = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 300; i++) {
                List<String> tasks = List.of("t" + i);
                hosted.update(store, r -> r.withHandledTasks(tasks));
            }
        });
        Thread swap = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 300; i++) {
                String hash = i % 2 == 0 ? first.componentHash() : swapped;
                hosted.update(store, r -> r.withComponent(hash));
            }
            hosted.update(store, r -> r.withQuarantined(true));
        });
        memory.join();
        swap.join();
        StoredAgent stored = store.loadAll().agents().getFirst();
        assertEquals(List.of("t299"), stored.handledTasks());
        assertEquals(swapped, stored.componentHash());
        assertTrue(stored.quarantined());
        assertEquals(stored, hosted.record());
    }

    @Test
    void aDeletedAgentIsNeverWrittenBack() {
        AgentStore store = new AgentStore(dir);
        HostedAgent hosted = new HostedAgent(null, record(store));
        hosted.update(store, r -> r.withHandledTasks(List.of("t1")));
        hosted.delete(store);
        assertFalse(hosted.update(store, r -> r.withHandledTasks(List.of("t2"))), "a late task-memory flush");
        assertEquals(List.of(), store.loadAll().agents());
    }
}
