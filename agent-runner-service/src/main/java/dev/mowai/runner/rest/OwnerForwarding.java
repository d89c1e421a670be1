package dev.mowai.runner.rest;

import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.service.AgentRegistry;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runner scale-out: a request about an agent that lives on another replica is proxied to that
 * replica (method, headers including the token, body, streamed answer such as the SSE console).
 * The replicas are the A records of {@code mowai.cluster.peers} (the StatefulSet's headless
 * Service); the owner is the peer that answers {@code GET /agents/{id}} with 200. A request that
 * was already forwarded ({@code X-Mowai-Forwarded-By}) is never forwarded again; with
 * {@code mowai.cluster.key} set it must carry that key ({@code X-Mowai-Replica-Key}) or it is refused.
 *
 * <p>An upstream request ends with its client: when the client goes away (a closed console tab) the
 * upstream connection is reset, so abandoned consoles cannot fill the pool. Consoles use their own
 * pool, so open consoles never hold up other forwarded requests; both close after
 * {@code mowai.cluster.idle-timeout} without data. That no replica hosts an id is remembered for a
 * few seconds, so requests for unknown ids do not each ask every replica.
 */
@ApplicationScoped
public class OwnerForwarding {

    public static final String FORWARDED_BY = "X-Mowai-Forwarded-By";
    public static final String REPLICA_KEY = "X-Mowai-Replica-Key";
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "upgrade",
            "host", "te", "trailer", "proxy-connection", REPLICA_KEY.toLowerCase());
    /** How long "no replica hosts this id" is believed. */
    private static final long MISSING_FOR_MS = 10_000;
    private static final int MISSING_MAX = 10_000;

    @Inject
    RunnerConfig config;
    @Inject
    AgentRegistry registry;
    @Inject
    Vertx vertx;
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.port", defaultValue = "8081")
    int httpPort;

    private final Map<String, Peer> owners = new ConcurrentHashMap<>();
    private final Map<String, Long> missing = new ConcurrentHashMap<>();
    private HttpClient client;
    private HttpClient consoles;

    /** A replica's address. */
    public record Peer(String host, int port) {
        String base() {
            return "http://" + host + ":" + port;
        }
    }

    void routes(@Observes Router router) {
        if (config.cluster().peers().filter(s -> !s.isBlank()).isEmpty()) {
            return;
        }
        int idle = (int) Math.max(1, config.cluster().idleTimeout().toSeconds());
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(3_000)
                .setMaxPoolSize(config.cluster().poolSize()).setIdleTimeout(idle).setKeepAliveTimeout(30));
        consoles = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(3_000)
                .setMaxPoolSize(config.cluster().poolSize()).setIdleTimeout(idle).setKeepAliveTimeout(30));
        router.routeWithRegex("^/agents(/.*)?$").order(-101).handler(this::requireReplicaKey);
        router.routeWithRegex("^/agents/([0-9a-fA-F-]{36})(/.*)?$").order(-100).handler(this::maybeForward);
    }

    /** With a cluster key, only a replica may say that it forwarded a request. */
    private void requireReplicaKey(RoutingContext rc) {
        if (rc.request().getHeader(FORWARDED_BY) != null && !ReplicaKey.matches(config.cluster().key(), rc.request().getHeader(REPLICA_KEY))) {
            rc.response().setStatusCode(403).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("error", FORWARDED_BY + " is only for the runner's replicas: "
                            + REPLICA_KEY + " missing or wrong (mowai.cluster.key)").encode());
            return;
        }
        rc.next();
    }

    private void maybeForward(RoutingContext rc) {
        String id = rc.pathParam("param0");
        if (rc.request().getHeader(FORWARDED_BY) != null || registry.hosts(id)) {
            rc.next();
            return;
        }
        rc.request().pause();
        owner(id).onComplete(found -> {
            if (found.succeeded() && found.result() != null) {
                proxy(rc, id, found.result());
            } else {
                rc.request().resume();
                rc.next();
            }
        });
    }

    private Future<Peer> owner(String id) {
        Peer cached = owners.get(id);
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        Long missingUntil = missing.get(id);
        if (missingUntil != null && missingUntil > System.currentTimeMillis()) {
            return Future.succeededFuture(null);
        }
        return vertx.<List<Peer>>executeBlocking(this::otherReplicas).compose(peers -> {
            Promise<Peer> result = Promise.promise();
            if (peers.isEmpty()) {
                result.complete(null);
                return result.future();
            }
            int[] pending = {peers.size()};
            for (Peer peer : peers) {
                client.request(withKey(new RequestOptions().setMethod(HttpMethod.GET).setHost(peer.host()).setPort(peer.port())
                                .setURI("/agents/" + id).putHeader(FORWARDED_BY, config.cluster().self()).setTimeout(3_000)))
                        .compose(req -> req.send().compose(res -> res.body().map(b -> res.statusCode())))
                        .onComplete(status -> {
                            synchronized (pending) {
                                if (status.succeeded() && status.result() == 200) {
                                    owners.put(id, peer);
                                    result.tryComplete(peer);
                                }
                                if (--pending[0] == 0 && result.tryComplete(null)) {
                                    rememberMissing(id);
                                }
                            }
                        });
            }
            return result.future();
        });
    }

    private void rememberMissing(String id) {
        if (missing.size() >= MISSING_MAX) {
            long now = System.currentTimeMillis();
            missing.values().removeIf(until -> until <= now);
            if (missing.size() >= MISSING_MAX) {
                missing.clear();
            }
        }
        missing.put(id, System.currentTimeMillis() + MISSING_FOR_MS);
    }

    private RequestOptions withKey(RequestOptions options) {
        config.cluster().key().filter(k -> !k.isBlank()).ifPresent(k -> options.putHeader(REPLICA_KEY, k));
        return options;
    }

    private void proxy(RoutingContext rc, String id, Peer owner) {
        RequestOptions options = new RequestOptions().setMethod(rc.request().method()).setHost(owner.host())
                .setPort(owner.port()).setURI(rc.request().uri())
                .setIdleTimeout(config.cluster().idleTimeout().toMillis());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        rc.request().headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        headers.set(FORWARDED_BY, config.cluster().self());
        options.setHeaders(headers);
        withKey(options);
        boolean console = rc.request().path().endsWith("/logs");
        (console ? consoles : client).request(options)
                .compose(req -> {
                    // The client went away (a closed console): end the upstream request with it.
                    rc.response().closeHandler(v -> req.reset());
                    return req.send(rc.request());
                })
                .onSuccess(res -> relay(rc, id, res))
                .onFailure(e -> {
                    owners.remove(id);
                    rc.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("error", "the replica that hosts agent " + id + " ("
                                    + owner.base() + ") is not reachable: " + e.getMessage()).encode());
                });
    }

    private void relay(RoutingContext rc, String id, HttpClientResponse res) {
        if (res.statusCode() == 404) {
            owners.remove(id);
        }
        rc.response().setStatusCode(res.statusCode());
        res.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                rc.response().headers().add(h.getKey(), h.getValue());
            }
        });
        if (res.getHeader("Content-Length") == null) {
            rc.response().setChunked(true);
        }
        res.pipeTo(rc.response());
    }

    /** The replicas other than this one: every A record of each {@code host:port} in {@code mowai.cluster.peers}. */
    public List<Peer> otherReplicas() {
        List<Peer> out = new ArrayList<>();
        Set<InetAddress> own = ownAddresses();
        for (String entry : config.cluster().peers().orElse("").split(",")) {
            String peer = entry.strip();
            if (peer.isEmpty()) {
                continue;
            }
            int colon = peer.lastIndexOf(':');
            String host = colon > 0 ? peer.substring(0, colon) : peer;
            int port = colon > 0 ? Integer.parseInt(peer.substring(colon + 1)) : 8081;
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    if (!(own.contains(a) && port == httpPort)) {
                        out.add(new Peer(a.getHostAddress(), port));
                    }
                }
            } catch (UnknownHostException e) {
                Log.debugf("peers %s do not resolve: %s", host, e.getMessage());
            }
        }
        return out;
    }

    private static Set<InetAddress> ownAddresses() {
        Set<InetAddress> own = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                own.addAll(Collections.list(nic.getInetAddresses()));
            }
        } catch (java.net.SocketException e) {
            Log.debugf("cannot list network interfaces: %s", e.getMessage());
        }
        return own;
    }
}
