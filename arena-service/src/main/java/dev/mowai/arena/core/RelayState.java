package dev.mowai.arena.core;

import dev.mowai.arena.protocol.ArenaEvent;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * Immutable relay state.
 *
 * @param sessions    connection id → session (pending or joined)
 * @param arenaSeq    sequence number of the last published event
 * @param recentTasks the last few GLOBAL_TASK events, oldest first
 * @param claimed     agent ids that joined with a valid credential: only proven connections may take them
 */
public record RelayState(Map<String, Session> sessions, long arenaSeq, List<ArenaEvent> recentTasks,
        Set<String> claimed) {

    public RelayState {
        // A persistent map: a step that changes one session shares the rest, so a frame costs the same
        // however many connections there are (a copied HashMap cost O(sessions) per frame).
        sessions = sessions instanceof PMap<String, Session> p ? p : HashTreePMap.from(sessions);
        recentTasks = List.copyOf(recentTasks);
        claimed = Set.copyOf(claimed); // no copy when it already is one
    }

    public static RelayState empty() {
        return new RelayState(Map.of(), 0, List.of(), Set.of());
    }

    /** State after a restart: nobody connected, the counter and tasks from the transcript, the claims from their file. */
    public static RelayState restored(long arenaSeq, List<ArenaEvent> recentTasks, Set<String> claimed) {
        return new RelayState(Map.of(), arenaSeq, recentTasks, claimed);
    }

    public List<Session.Joined> agents() {
        List<Session.Joined> out = new ArrayList<>();
        for (Session s : sessions.values()) {
            if (s instanceof Session.Joined j) {
                out.add(j);
            }
        }
        out.sort(Comparator.comparingInt(Session.Joined::slot));
        return out;
    }

    public Optional<Session.Joined> agent(String agentId) {
        return agents().stream().filter(j -> j.agentId().equals(agentId)).findFirst();
    }

    /** Lowest slot no joined agent holds. */
    int freeSlot() {
        BitSet used = new BitSet();
        for (Session s : sessions.values()) {
            if (s instanceof Session.Joined j) {
                used.set(j.slot());
            }
        }
        return used.nextClearBit(0);
    }

    RelayState with(Session s) {
        return new RelayState(persistent().plus(s.conn(), s), arenaSeq, recentTasks, claimed);
    }

    RelayState without(String conn) {
        return new RelayState(persistent().minus(conn), arenaSeq, recentTasks, claimed);
    }

    private PMap<String, Session> persistent() {
        return (PMap<String, Session>) sessions;
    }

    RelayState withSessions(Map<String, Session> m) {
        return new RelayState(m, arenaSeq, recentTasks, claimed);
    }

    RelayState withArenaSeq(long seq) {
        return new RelayState(sessions, seq, recentTasks, claimed);
    }

    RelayState withClaim(String agentId) {
        Set<String> c = new HashSet<>(claimed);
        c.add(agentId);
        return new RelayState(sessions, arenaSeq, recentTasks, c);
    }

    RelayState withTask(ArenaEvent task, int keep) {
        List<ArenaEvent> tasks = new ArrayList<>(recentTasks);
        tasks.add(task);
        while (tasks.size() > keep) {
            tasks.removeFirst();
        }
        return new RelayState(sessions, arenaSeq, tasks, claimed);
    }
}
