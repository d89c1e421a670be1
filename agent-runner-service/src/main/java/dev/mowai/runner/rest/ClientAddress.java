package dev.mowai.runner.rest;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The client's address. Behind a proxy (the k8s Ingress, the compose edge) this is the proxy's unless
 * {@code quarkus.http.proxy.proxy-address-forwarding} and {@code allow-x-forwarded} are on: then
 * Quarkus puts the X-Forwarded-For address here (from trusted proxies only, if
 * {@code quarkus.http.proxy.trusted-proxies} is set); the header itself is never read here.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        if (remote == null) {
            return null;
        }
        return remote.hostAddress() != null ? remote.hostAddress() : remote.host();
    }
}
