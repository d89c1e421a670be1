package dev.mowai.runner.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentStoreTest {

    @TempDir
    Path dir;

    final long[] now = {System.currentTimeMillis()};
    final long[] free = {Long.MAX_VALUE};

    /** A store whose clock and free-space probe the test sets. */
    AgentStore store(Duration grace) {
        return new AgentStore(dir, new AgentStore.Settings(grace, 1000, () -> now[0], () -> free[0]));
    }

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
    void anUploadInterruptedBeforeItsRecordLeavesNoAgentAndItsLeftoversAreCollectedAfterTheGracePeriod() throws Exception {
        AgentStore store = store(Duration.ofHours(1));
        String kept = store.putComponent(new byte[] {1});
        store.save(agent(kept, 1));
        store.putComponent(new byte[] {2});                       // crash: component written, record never
        Files.write(dir.resolve("tmp").resolve("x.part"), new byte[] {3}); // crash: half-written file
        AgentStore restarted = store(Duration.ofHours(1));
        assertEquals(1, restarted.loadAll().agents().size());
        assertEquals(0, restarted.collectGarbage(), "within the grace period an upload may still be writing them");
        now[0] += Duration.ofHours(2).toMillis();
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
    void garbageCollectionLeavesAnUploadsComponentAndPartsAloneWhileItsRecordIsNotWrittenYet() throws Exception {
        // Uploads write the component before the record; GC used to delete it (and tmp/ parts) in between.
        AgentStore store = store(Duration.ofMinutes(10));
        String hash = store.putComponent(new byte[] {7});
        Path part = dir.resolve("tmp").resolve("in-flight.part");
        Files.write(part, new byte[] {8});
        assertEquals(0, store.collectGarbage());
        store.save(agent(hash, 1));
        assertTrue(Files.exists(part));
        assertEquals(7, store.readComponent(hash)[0]);
    }

    @Test
    void aComponentStoredAgainStartsItsGracePeriodAgain() {
        AgentStore store = store(Duration.ofMinutes(10));
        String hash = store.putComponent(new byte[] {5});
        now[0] += Duration.ofMinutes(9).toMillis();
        assertEquals(hash, store.putComponent(new byte[] {5})); // a hot swap back to an old orphan
        now[0] += Duration.ofMinutes(9).toMillis();
        assertEquals(0, store.collectGarbage());
        now[0] += Duration.ofMinutes(2).toMillis();
        assertEquals(1, store.collectGarbage());
    }

    @Test
    void theComponentOfACorruptRecordIsKeptSoThatTheRecordCanBeRepaired() throws Exception {
        AgentStore store = store(Duration.ofMinutes(10));
        StoredAgent a = agent(store.putComponent(new byte[] {4}), 1);
        store.save(a);
        Path record = dir.resolve("agents").resolve(a.id() + ".json");
        String json = Files.readString(record);
        Files.writeString(record, json.substring(0, json.length() - 5)); // torn write, bad disk, a careless edit
        AgentStore.Restored restored = store.loadAll();
        assertEquals(List.of(), restored.agents());
        assertTrue(restored.problems().getFirst().contains("repair it"), restored.problems().getFirst());
        now[0] += Duration.ofDays(2).toMillis();
        assertEquals(0, store.collectGarbage(), "the unreadable record still names its component");
        Files.writeString(record, json); // repaired
        assertEquals(List.of(a), store.loadAll().agents());
        assertEquals(4, store.readComponent(a.componentHash())[0]);
    }

    @Test
    void aFullDiskRefusesWritesWithDiskFullAndIsReportedAsLow() {
        AgentStore store = store(Duration.ofMinutes(10));
        StoredAgent a = agent(store.putComponent(new byte[] {1}), 1);
        free[0] = 1500; // min-free-bytes is 1000 here
        assertFalse(store.low());
        StoreFull full = assertThrows(StoreFull.class, () -> store.putComponent(new byte[600]));
        assertTrue(full.getMessage().startsWith("disk full"), full.getMessage());
        assertTrue(full.getMessage().contains("mowai.store.min-free-bytes"));
        free[0] = 900;
        assertTrue(store.low());
        assertThrows(StoreFull.class, () -> store.save(a));
        assertEquals(List.of(), store.loadAll().agents(), "nothing half-written");
        free[0] = Long.MAX_VALUE;
        store.save(a);
        assertEquals(List.of(a), store.loadAll().agents());
    }

    @Test
    void parallelUploadsHotSwapsDeletesAndCollectionsThenARestartLeaveEveryRecordWithItsComponent() throws Exception {
        AgentStore store = store(Duration.ofMinutes(10));
        java.util.concurrent.ConcurrentHashMap<String, StoredAgent> live = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger errors = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread collector = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                store.collectGarbage();
            }
        });
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int worker = t;
                work.add(pool.submit(() -> {
                    java.util.Random random = new java.util.Random(worker);
                    for (int i = 0; i < 150; i++) {
                        try {
                            byte[] wasm = {(byte) worker, (byte) random.nextInt(20)};
                            switch (random.nextInt(3)) {
                                case 0 -> { // upload: component first, record last
                                    StoredAgent a = agent(store.putComponent(wasm), i);
                                    Thread.yield(); // the upload's load: GC runs meanwhile
                                    synchronized (live) { // record changes are serialised (HostedAgent does it per agent)
                                        store.save(a);
                                        live.put(a.id(), a);
                                    }
                                }
                                case 1 -> live.values().stream().findAny().ifPresent(a -> {
                                    String hash = store.putComponent(wasm);
                                    Thread.yield();
                                    synchronized (live) {
                                        StoredAgent current = live.get(a.id());
                                        if (current != null) {
                                            store.save(current.withComponent(hash));
                                            live.put(a.id(), current.withComponent(hash));
                                        }
                                    }
                                });
                                default -> live.values().stream().findAny().ifPresent(a -> {
                                    synchronized (live) {
                                        if (live.remove(a.id()) != null) {
                                            store.delete(a.id());
                                        }
                                    }
                                });
                            }
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                        }
                    }
                }));
            }
            for (var w : work) {
                w.get();
            }
        } finally {
            stop.set(true);
            collector.join();
        }
        assertEquals(0, errors.get());
        AgentStore.Restored restored = store(Duration.ofMinutes(10)).loadAll();
        assertEquals(List.of(), restored.problems());
        assertEquals(live.keySet(), new java.util.HashSet<>(restored.agents().stream().map(StoredAgent::id).toList()));
        for (StoredAgent a : restored.agents()) {
            store.readComponent(a.componentHash()); // throws "component missing" when GC took it
        }
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
