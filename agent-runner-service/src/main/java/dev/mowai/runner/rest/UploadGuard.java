package dev.mowai.runner.rest;

import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.core.BodyLimits;
import dev.mowai.runner.service.AccessDenied;
import dev.mowai.runner.service.AgentRegistry;
import dev.mowai.runner.service.TryLater;
import dev.mowai.runner.service.UnknownAgent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Uploads and hot swaps are judged by their headers before a byte of their body is read: the upload
 * rate and join code ({@code X-Join-Code}), or the agent's token and hot-swap rate, then the declared
 * length ({@link BodyLimits}). A refusal answers at once; what follows of the body is read and dropped,
 * never buffered, and the connection is closed when the body ends, after {@link #DRAIN_BYTES} or after
 * {@link #DRAIN_TIME} (closing at once would reset the connection under a client still sending, which
 * may then never see the answer). Runs after {@link OwnerForwarding}: a request for an agent of another
 * replica is checked there.
 */
@ApplicationScoped
public class UploadGuard {

    /** After OwnerForwarding (-100), before the REST layer reads the body. */
    static final int ORDER = -50;
    /** How much of a refused body is read (and dropped) before the connection is closed. */
    static final long DRAIN_BYTES = 1 << 20;
    static final long DRAIN_TIME_MS = 5_000;

    @Inject
    RunnerConfig config;
    @Inject
    AgentRegistry registry;

    void routes(@Observes Router router) {
        router.routeWithRegex(HttpMethod.POST, "^/agents/?$").order(ORDER).handler(rc -> guard(rc, BodyLimits.Route.UPLOAD,
                () -> registry.admitUpload(rc.request().getHeader("X-Join-Code"), ClientAddress.of(rc.request()))));
        router.routeWithRegex(HttpMethod.PUT, "^/agents/([^/]+)/wasm/?$").order(ORDER).handler(rc -> guard(rc,
                BodyLimits.Route.HOT_SWAP, () -> registry.admitHotSwap(rc.pathParam("param0"),
                        Bearer.token(rc.request().getHeader(HttpHeaders.AUTHORIZATION)))));
    }

    private void guard(RoutingContext rc, BodyLimits.Route route, Runnable admit) {
        ErrorMappers.Refusal refusal;
        try {
            admit.run();
            Optional<String> tooLarge = new BodyLimits(config.limits().maxComponentBytes())
                    .refusal(route, rc.request().getHeader(HttpHeaders.CONTENT_LENGTH));
            if (tooLarge.isEmpty()) {
                rc.next();
                return;
            }
            refusal = ErrorMappers.tooLarge(tooLarge.get());
        } catch (AccessDenied e) {
            refusal = ErrorMappers.refusal(e);
        } catch (TryLater e) {
            refusal = ErrorMappers.refusal(e);
        } catch (UnknownAgent e) {
            refusal = ErrorMappers.refusal(e);
        }
        HttpServerRequest request = rc.request();
        var response = rc.response().setStatusCode(refusal.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        refusal.headers().forEach(response::putHeader);
        if (request.version() == HttpVersion.HTTP_2) {
            // One stream of a connection the client multiplexes (java.net.http's h2c): connection headers
            // are forbidden there and closing the connection would fail the client's other requests.
            // Answer, then ask for the rest of the body not to be sent (RST_STREAM NO_ERROR, RFC 9113 §8.1).
            response.end(Json.encode(refusal.body())).onComplete(done -> response.reset(0));
            return;
        }
        long[] dropped = {0};
        rc.vertx().setTimer(DRAIN_TIME_MS, t -> request.connection().close()); // closing twice is harmless
        request.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > DRAIN_BYTES) {
                request.connection().close();
            }
        });
        request.endHandler(v -> request.connection().close());
        request.resume();
        response.putHeader(HttpHeaders.CONNECTION, "close").end(Json.encode(refusal.body()));
    }
}
