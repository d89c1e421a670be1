package dev.mowai.arena.core;

import dev.mowai.arena.protocol.ArenaEvent;
import dev.mowai.arena.protocol.EventReader.StoredEvent;
import dev.mowai.arena.protocol.MessageType;
import dev.mowai.arena.session.Debate;
import dev.mowai.arena.session.SessionLog;
import dev.mowai.arena.session.SessionRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a restart needs from the transcript, folded event by event: the counter, the recent events
 * ({@code since=} replay), the recent tasks, the agents that joined and have not left, and the debate
 * sessions (their records, see {@link SessionLog}). Bounded by its limits plus the agents present and
 * the running sessions. The same fold serves recovery (reading lines) and the writer,
 * which compacts it into the head of each new file, so a restart reads one file however long the arena ran.
 */
public final class TranscriptState {

    private final int keepEvents;
    private final int keepTasks;
    private long lastSeq;
    private final ArrayDeque<ArenaEvent> events = new ArrayDeque<>();
    private final ArrayDeque<ArenaEvent> tasks = new ArrayDeque<>();
    /** Agent id to its last join, in join order. */
    private final Map<String, StoredEvent> present = new LinkedHashMap<>();
    private final SessionLog sessions;

    public TranscriptState(int keepEvents, int keepTasks, int keepSessions) {
        this.keepEvents = keepEvents;
        this.keepTasks = keepTasks;
        this.sessions = new SessionLog(keepSessions);
    }

    /** Adds a session's record; false when it fits no session (a damaged line). */
    public boolean apply(SessionRecord record) {
        return sessions.apply(record);
    }

    public List<Debate> sessions() {
        return sessions.sessions();
    }

    /** The sessions a new file starts with (after {@link #head()}'s events); drops old finished ones. */
    public List<SessionRecord> sessionHead() {
        return sessions.compact();
    }

    /** Adds an event; returns false (and changes nothing) when its arenaSeq does not move forward. */
    public boolean apply(StoredEvent stored) {
        ArenaEvent e = stored.event();
        if (e.arenaSeq() <= lastSeq) return false;
        lastSeq = e.arenaSeq();
        push(events, e, keepEvents);
        switch (e.type()) {
            case GLOBAL_TASK -> push(tasks, e, keepTasks);
            case AGENT_CONNECT -> {
                present.remove(e.agentId()); // a rejoin moves to the back, as a fresh join would
                present.put(e.agentId(), stored);
            }
            case AGENT_DISCONNECT -> present.remove(e.agentId());
            default -> { }
        }
        return true;
    }

    public long lastSeq() {
        return lastSeq;
    }

    public List<ArenaEvent> recentEvents() {
        return List.copyOf(events);
    }

    public List<ArenaEvent> recentTasks() {
        return List.copyOf(tasks);
    }

    public List<Relay.Orphan> orphans() {
        List<Relay.Orphan> out = new ArrayList<>();
        present.values().forEach(s -> out.add(new Relay.Orphan(s.event().agentId(), s.slot(), s.name())));
        return out;
    }

    /**
     * The events that rebuild this state when folded into an empty one, in arenaSeq order without
     * repeats: recent events, recent tasks and the joins of present agents.
     */
    public List<ArenaEvent> head() {
        TreeMap<Long, ArenaEvent> bySeq = new TreeMap<>();
        events.forEach(e -> bySeq.put(e.arenaSeq(), e));
        tasks.forEach(e -> bySeq.put(e.arenaSeq(), e));
        present.values().forEach(s -> bySeq.put(s.event().arenaSeq(), s.event()));
        return List.copyOf(bySeq.values());
    }

    private static void push(ArrayDeque<ArenaEvent> q, ArenaEvent e, int keep) {
        q.addLast(e);
        while (q.size() > keep) q.removeFirst();
    }
}
