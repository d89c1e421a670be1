package dev.mowai.runner.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentStoreTest {

    @TempDir
    Path dir;

    static StoredAgent agent(String hash, long created) {
        return new StoredAgent(UUID.randomUUID().toString(), "Ada", "#fff", "pragmatist", null, hash,
                Tokens.hash("secret"), created, false, List.of());
    }

    @Test
    void componentsAreContentAddressedAndStoredOnce() throws Exception {
        AgentStore store = new AgentStore(dir);
        byte[] wasm = {0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 42};
        String hash = store.putComponent(wasm);
        assertEquals(Tokens.sha256(wasm), hash);
        assertEquals(hash, store.putComponent(wasm.clone()));
        try (var files = Files.list(dir.resolve("components"))) {
            assertEquals(1, files.count());
        }
        assertEquals(List.of((byte) 42), List.of(store.readComponent(hash)[8]));
    }

    @Test
    void aDamagedOrMissingComponentIsReportedNotReturned() throws Exception {
        AgentStore store = new AgentStore(dir);
        String hash = store.putComponent(new byte[] {1, 2, 3});
        Files.write(dir.resolve("components").resolve(hash + ".wasm"), new byte[] {1, 2, 4});
        UncheckedIOException damaged = assertThrows(UncheckedIOException.class, () -> store.readComponent(hash));
        assertTrue(damaged.getMessage().contains("damaged"));
        String other = "a".repeat(64);
        assertTrue(assertThrows(UncheckedIOException.class, () -> store.readComponent(other)).getMessage().contains("missing"));
        assertThrows(IllegalArgumentException.class, () -> store.readComponent("../../etc/passwd"));
    }

    @Test
    void recordsSurviveANewStoreOnTheSameDirectory() {
        AgentStore store = new AgentStore(dir);
        String hash = store.putComponent(new byte[] {9});
        StoredAgent first = agent(hash, 1);
        StoredAgent second = agent(hash, 2).withHandledTasks(List.of("t1", "t2"));
        store.save(second);
        store.save(first);
        AgentStore.Restored restored = new AgentStore(dir).loadAll();
        assertEquals(List.of(first, second), restored.agents(), "oldest first");
        assertEquals(List.of(), restored.problems());
        assertTrue(Tokens.matches("secret", restored.agents().get(0).tokenHash()));
    }

    @Test
    void anUploadInterruptedBeforeItsRecordLeavesNoAgentAndItsLeftoversAreCollected() throws Exception {
        AgentStore store = new AgentStore(dir);
        String kept = store.putComponent(new byte[] {1});
        store.save(agent(kept, 1));
        store.putComponent(new byte[] {2});                       // crash: component written, record never
        Files.write(dir.resolve("tmp").resolve("x.part"), new byte[] {3}); // crash: half-written file
        AgentStore restarted = new AgentStore(dir);
        assertEquals(1, restarted.loadAll().agents().size());
        assertEquals(2, restarted.collectGarbage());
        try (var files = Files.list(dir.resolve("components"))) {
            assertEquals(List.of(kept + ".wasm"), files.map(p -> p.getFileName().toString()).toList());
        }
        try (var files = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void unreadableOrInconsistentRecordsAreReportedAndSkipped() throws Exception {
        AgentStore store = new AgentStore(dir);
        String hash = store.putComponent(new byte[] {1});
        StoredAgent good = agent(hash, 1);
        store.save(good);
        Files.writeString(dir.resolve("agents").resolve(UUID.randomUUID() + ".json"), "{not json");
        StoredAgent renamed = agent(hash, 2);
        Files.write(dir.resolve("agents").resolve(UUID.randomUUID() + ".json"),
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(renamed));
        AgentStore.Restored restored = store.loadAll();
        assertEquals(List.of(good), restored.agents());
        assertEquals(2, restored.problems().size());
    }

    @Test
    void deleteRemovesTheRecordAndRejectsPathTricks() {
        AgentStore store = new AgentStore(dir);
        StoredAgent a = agent(store.putComponent(new byte[] {1}), 1);
        store.save(a);
        store.delete(a.id());
        assertEquals(List.of(), store.loadAll().agents());
        assertThrows(IllegalArgumentException.class, () -> store.delete("../agents"));
        assertThrows(IllegalArgumentException.class, () -> store.save(new StoredAgent("x", "n", "c", "p", null,
                "a".repeat(64), "h", 1, false, List.of())));
    }

    @Test
    void savingAgainReplacesTheRecordAtomically() throws Exception {
        AgentStore store = new AgentStore(dir);
        StoredAgent a = agent(store.putComponent(new byte[] {1}), 1);
        store.save(a);
        store.save(a.withQuarantined(true));
        assertTrue(store.loadAll().agents().getFirst().quarantined());
        try (var files = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, files.count(), "no temporary file is left behind");
        }
        assertFalse(a.withQuarantined(true).withComponent("b".repeat(64)).quarantined(), "a new component lifts the quarantine");
    }

    @Test
    void tokensAreRandomAndOnlyTheirHashMatches() {
        String t1 = Tokens.newToken();
        String t2 = Tokens.newToken();
        assertNotEquals(t1, t2);
        assertTrue(t1.length() >= 40);
        String h = Tokens.hash(t1);
        assertFalse(h.contains(t1));
        assertTrue(Tokens.matches(t1, h));
        assertFalse(Tokens.matches(t2, h));
        assertFalse(Tokens.matches(null, h));
        assertFalse(Tokens.matches(t1, null));
    }
}
