package dev.mowai.runner.service;

import dev.mowai.runner.client.ArenaLink;
import dev.mowai.runner.core.AgentCell;
import dev.mowai.runner.store.StoredAgent;

/** One hosted agent: its durable record, its cell and its arena seat. */
final class HostedAgent {

    final AgentCell cell;
    volatile StoredAgent record;
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
