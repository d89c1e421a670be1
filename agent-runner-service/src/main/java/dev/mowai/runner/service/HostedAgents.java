package dev.mowai.runner.service;

import dev.mowai.runner.core.AgentCell;
import dev.mowai.runner.core.AgentState;
import dev.mowai.runner.core.ConsoleLine;
import dev.mowai.runner.store.AgentStore;
import dev.mowai.runner.store.StoredAgent;
import dev.mowai.runner.store.Tokens;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The agents this runner hosts, by id: lookup, token checks, counts for health and metrics. */
@ApplicationScoped
@Startup // its gauges exist from the start
public class HostedAgents {

    /** Agents' own log lines and the runner's lines about them also go to the runner's log, under this category. */
    private static final org.jboss.logging.Logger AGENT_LOG = org.jboss.logging.Logger.getLogger("mowai.agent");

    @Inject
    MeterRegistry meters;
    @Inject
    ArenaSeats seats;
    @Inject
    AgentStore store;

    private final Map<String, HostedAgent> agents = new ConcurrentHashMap<>();

    @PostConstruct
    void gauges() {
        for (AgentState state : AgentState.values()) {
            Gauge.builder("mowai.runner.agents", () -> count(state)).description("Hosted agents by state")
                    .tag("state", state.name().toLowerCase()).register(meters);
        }
        Gauge.builder("mowai.runner.arena.seats", this::joinedCount).description("Agents joined to the arena")
                .register(meters);
    }

    /** Takes the agent in: its console goes to the runner's log, and a quarantine is made durable. */
    HostedAgent host(AgentCell cell, StoredAgent record) {
        HostedAgent hosted = new HostedAgent(cell, record);
        String who = record.id().substring(0, 8) + " " + record.name();
        cell.console().subscribe(line -> {
            // What the agent does (tasks, prompts, thoughts, answers) is for its participant, not the server log.
            if (ConsoleLine.AGENT.equals(line.source()) || ConsoleLine.RUNNER.equals(line.source())) {
                AGENT_LOG.log(level(line.level()), who + " [" + line.source() + "] " + line.text());
            }
        });
        cell.rememberTasks(record.handledTasks());
        cell.listen((c, state) -> stateChanged(hosted, state));
        agents.put(record.id(), hosted);
        return hosted;
    }

    void remove(String id) {
        agents.remove(id);
    }

    boolean contains(String id) {
        return agents.containsKey(id);
    }

    Collection<HostedAgent> all() {
        return agents.values();
    }

    HostedAgent find(String id) {
        HostedAgent hosted = id == null ? null : agents.get(id);
        if (hosted == null) {
            throw new UnknownAgent(id);
        }
        return hosted;
    }

    /** The agent, if {@code token} is its token. */
    HostedAgent authorized(String id, String token) {
        HostedAgent hosted = find(id);
        if (token == null) {
            throw new AccessDenied(AccessDenied.Reason.TOKEN, "this call needs the agent's token: Authorization: Bearer <token>");
        }
        if (!Tokens.matches(token, hosted.record().tokenHash())) {
            throw new AccessDenied(AccessDenied.Reason.TOKEN, "wrong token for agent " + id);
        }
        return hosted;
    }

    List<AgentView> views() {
        return agents.values().stream().map(HostedAgent::view)
                .sorted(Comparator.comparingLong(AgentView::createdAt).thenComparing(AgentView::id)).toList();
    }

    int size() {
        return agents.size();
    }

    int joinedCount() {
        return (int) agents.values().stream().filter(HostedAgent::joined).count();
    }

    int count(AgentState state) {
        return (int) agents.values().stream().filter(h -> h.cell.state() == state).count();
    }

    private void stateChanged(HostedAgent hosted, AgentState state) {
        if (state == AgentState.QUARANTINED && !hosted.record().quarantined()) {
            seats.leave(hosted);
            try {
                hosted.update(store, r -> r.withQuarantined(true));
            } catch (RuntimeException e) {
                AGENT_LOG.warnf("cannot persist the quarantine of %s: %s", hosted.id(), e.getMessage());
            }
        }
    }

    private static org.jboss.logging.Logger.Level level(String level) {
        return switch (level) {
            case "debug" -> org.jboss.logging.Logger.Level.DEBUG;
            case "warn" -> org.jboss.logging.Logger.Level.WARN;
            case "error" -> org.jboss.logging.Logger.Level.ERROR;
            default -> org.jboss.logging.Logger.Level.INFO;
        };
    }
}
