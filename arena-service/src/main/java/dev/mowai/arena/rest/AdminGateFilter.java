package dev.mowai.arena.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.arena.service.AdminSecrets;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs {@link AdminGate} on the Vert.x request before any route (and so before REST reads a body).
 * A refused request is answered and its connection closed, so an announced body is never read.
 */
@ApplicationScoped
public class AdminGateFilter {

    /** Before Quarkus' own filters: nothing may touch the body first. */
    private static final int PRIORITY = 1000;

    void register(@Observes Filters filters, AdminSecrets adminSecrets, ObjectMapper json) {
        AdminGate gate = new AdminGate(adminSecrets.current());
        filters.register(rc -> {
            HttpServerRequest req = rc.request();
            switch (gate.check(new AdminGate.Request(req.method().name(), req.getHeader("X-Admin-Secret"),
                    req.getHeader(HttpHeaders.CONTENT_LENGTH)))) {
                case AdminGate.Verdict.Pass pass -> rc.next();
                case AdminGate.Verdict.Refuse refuse -> {
                    var response = rc.response().setStatusCode(refuse.status())
                            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
                    if (req.version() == HttpVersion.HTTP_2) {
                        // HTTP/2 (h2c, which java.net.http negotiates) forbids connection headers and
                        // multiplexes other requests on the connection; its flow-control window already
                        // bounds what an unread body can put here.
                        response.end(problem(json, refuse.error()));
                    } else {
                        response.putHeader(HttpHeaders.CONNECTION, "close").end(problem(json, refuse.error()))
                                .onComplete(done -> req.connection().close());
                    }
                }
            }
        }, PRIORITY);
    }

    private static String problem(ObjectMapper json, String error) {
        try {
            return json.writeValueAsString(new ArenaResource.Problem(error));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
