package dev.mowai.arena.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {

    private static final Participant ADA = new Participant("a1", "Ada", "pragmatist");

    @Test
    void aSavedSessionLoadsEqualAndResumesAtItsRound(@TempDir Path dir) throws Exception {
        SessionStore store = new SessionStore(dir);
        Room room = new Room(List.of(ADA), "t1");
        Debate d = Debate.start("s1", new SessionSpec("Q?", 2, false, "Ada", 10), room, 0).debate();
        d = d.answered("a1", "Ada", "t1", "POSITION: yes", 5, new Room(List.of(ADA), "t2")).debate();
        store.save(d);

        SessionStore.Loaded loaded = new SessionStore(dir).load();
        assertEquals(List.of(d), loaded.sessions());
        Debate resumed = loaded.sessions().getFirst();
        assertEquals(2, resumed.current().number());
        Debate.Step s = resumed.tick(resumed.current().deadline(), new Room(List.of(ADA), "syn"));
        assertEquals(Debate.State.SYNTHESISING, s.debate().state());
        assertEquals("a1", s.broadcast().orElseThrow().onlyAgentId());
    }

    @Test
    void aDamagedFileIsReportedAndTheOthersStillLoad(@TempDir Path dir) throws Exception {
        SessionStore store = new SessionStore(dir);
        Debate d = Debate.start("ok", new SessionSpec("Q?", 1, true, null, 10), new Room(List.of(ADA), "t1"), 0).debate();
        store.save(d);
        Files.writeString(store.dir().resolve("bad.json"), "{\"id\":");
        SessionStore.Loaded loaded = store.load();
        assertEquals(List.of(d), loaded.sessions());
        assertEquals(1, loaded.damaged().size());
        assertTrue(loaded.damaged().getFirst().endsWith("bad.json"));
    }
}
