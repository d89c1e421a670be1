package dev.mowai.runner.service;

import dev.mowai.runner.client.ArenaLink;
import dev.mowai.runner.core.AgentCell;
import dev.mowai.runner.store.AgentStore;
import dev.mowai.runner.store.StoredAgent;
import java.util.function.UnaryOperator;

/**
 * One hosted agent: its durable record, its cell and its arena seat. Every change of the record
 * goes through {@link #update} or {@link #delete}, one at a time, so that concurrent changes (task
 * memory, hot swap, quarantine, delete) never overwrite each other or bring a deleted agent back.
 */
final class HostedAgent {

    final AgentCell cell;
    private volatile StoredAgent record;
    private boolean deleted;
    volatile ArenaLink link;
    /** Its task memory changed since the record was last written. */
    volatile boolean dirty;

    HostedAgent(AgentCell cell, StoredAgent record) {
        this.cell = cell;
        this.record = record;
    }

    String id() {
        return record.id();
    }

    StoredAgent record() {
        return record;
    }

    /** Applies {@code change} to the current record and stores the result; false (nothing written) once deleted. */
    synchronized boolean update(AgentStore store, UnaryOperator<StoredAgent> change) {
        if (deleted) {
            return false;
        }
        // The running agent follows the new record even when the disk refuses it; the next update writes it again.
        record = change.apply(record);
        store.save(record);
        return true;
    }

    /** Deletes the record for good: later updates write nothing. */
    synchronized void delete(AgentStore store) {
        deleted = true;
        store.delete(record.id());
    }

    boolean joined() {
        ArenaLink l = link;
        return l != null && l.joined();
    }

    AgentView view() {
        StoredAgent r = record;
        ArenaLink l = link;
        String arena = l == null ? "none" : l.session().phase().name().toLowerCase();
        return new AgentView(r.id(), r.name(), r.color(), r.persona(), r.customSkill() != null,
                cell.state().name().toLowerCase(), arena, cell.info(), r.componentHash(), r.createdAt(),
                cell.pendingCalls(), cell.stats().snapshot());
    }
}
