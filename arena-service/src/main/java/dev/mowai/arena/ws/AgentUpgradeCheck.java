package dev.mowai.arena.ws;

import dev.mowai.arena.service.ArenaService;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Refuses an agent upgrade with 429 (this address) or 503 (everyone) while too many agent sockets
 * wait to join, before the socket is upgraded; remembers the client address for {@code @OnOpen}.
 */
@ApplicationScoped
public class AgentUpgradeCheck implements HttpUpgradeCheck {

    static final UserData.TypedKey<String> ADDRESS = UserData.TypedKey.forString("mowai.address");

    private final ArenaService arena;

    public AgentUpgradeCheck(ArenaService arena) {
        this.arena = arena;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return endpointId.equals(AgentEndpoints.Root.ID) || endpointId.equals(AgentEndpoints.Named.ID);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String address = context.httpRequest().remoteAddress().hostAddress();
        context.userData().put(ADDRESS, address);
        return arena.upgradeRefusal(address)
                .map(r -> CheckResult.rejectUpgrade(r.status(), Map.of("Retry-After", List.of("5"))))
                .orElseGet(CheckResult::permitUpgrade);
    }
}
