package dev.mowai.runner.rest;

import dev.mowai.runner.component.agent.ConformanceReport;
import dev.mowai.runner.service.AccessDenied;
import dev.mowai.runner.service.RunnerFull;
import dev.mowai.runner.service.TryLater;
import dev.mowai.runner.service.UnknownAgent;
import dev.mowai.runner.service.UploadRejected;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal as JSON: {@code {error, problems?, report?}} with the status that fits. */
public class ErrorMappers {

    /** The body of every error answer. */
    public record ErrorBody(String error, List<String> problems, ConformanceReport report) {
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> rejected(UploadRejected e) {
        return json(400, new ErrorBody("invalid request", e.problems(), e.report()));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> tooLarge(AgentsResource.TooLarge e) {
        return json(tooLarge(e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> denied(AccessDenied e) {
        return json(refusal(e));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> unknown(UnknownAgent e) {
        return json(refusal(e));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> full(RunnerFull e) {
        return json(refusal(e));
    }

    /** 507 Insufficient Storage: the data directory is full; nothing was stored. */
    @ServerExceptionMapper
    public RestResponse<ErrorBody> storeFull(dev.mowai.runner.store.StoreFull e) {
        return json(507, new ErrorBody(e.getMessage(), List.of(e.getMessage()), null));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> tryLater(TryLater e) {
        return json(refusal(e));
    }

    /** A refusal before any work: its status, extra headers and body (also written by {@link UploadGuard}). */
    record Refusal(int status, Map<String, String> headers, ErrorBody body) {
    }

    static Refusal refusal(AccessDenied e) {
        boolean token = e.reason() == AccessDenied.Reason.TOKEN;
        return new Refusal(token ? 401 : 403, token ? Map.of("WWW-Authenticate", "Bearer") : Map.of(),
                new ErrorBody(e.getMessage(), List.of(), null));
    }

    static Refusal refusal(UnknownAgent e) {
        return new Refusal(404, Map.of(), new ErrorBody(e.getMessage(), List.of(), null));
    }

    static Refusal refusal(RunnerFull e) {
        return new Refusal(503, Map.of(), new ErrorBody(e.getMessage(), List.of(), null));
    }

    static Refusal refusal(TryLater e) {
        return new Refusal(e.why() == TryLater.Why.RATE_LIMITED ? 429 : 503,
                Map.of("Retry-After", String.valueOf(e.retryAfterSeconds())), new ErrorBody(e.getMessage(), List.of(e.getMessage()), null));
    }

    static Refusal tooLarge(String message) {
        return new Refusal(413, Map.of(), new ErrorBody(message, List.of(message), null));
    }

    private static RestResponse<ErrorBody> json(Refusal r) {
        RestResponse<ErrorBody> response = json(r.status(), r.body());
        r.headers().forEach((k, v) -> response.getHeaders().add(k, v));
        return response;
    }

    private static RestResponse<ErrorBody> json(int status, ErrorBody body) {
        return RestResponse.ResponseBuilder.<ErrorBody>create(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body).build();
    }
}
