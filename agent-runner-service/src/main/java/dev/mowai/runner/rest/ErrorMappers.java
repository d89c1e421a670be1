package dev.mowai.runner.rest;

import dev.mowai.runner.service.AccessDenied;
import dev.mowai.runner.service.RunnerFull;
import dev.mowai.runner.service.TryLater;
import dev.mowai.runner.service.UnknownAgent;
import dev.mowai.runner.service.UploadRejected;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal as JSON: {@code {error, problems?, report?}} with the status that fits. */
public class ErrorMappers {

    /** The body of every error answer. */
    public record ErrorBody(String error, List<String> problems, Object report) {
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> rejected(UploadRejected e) {
        return json(400, new ErrorBody("invalid request", e.problems(), e.report()));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> tooLarge(AgentsResource.TooLarge e) {
        return json(413, new ErrorBody(e.getMessage(), List.of(e.getMessage()), null));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> denied(AccessDenied e) {
        RestResponse<ErrorBody> r = json(e.reason() == AccessDenied.Reason.JOIN_CODE ? 403 : 401,
                new ErrorBody(e.getMessage(), List.of(), null));
        if (e.reason() == AccessDenied.Reason.TOKEN) {
            r.getHeaders().add("WWW-Authenticate", "Bearer");
        }
        return r;
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> unknown(UnknownAgent e) {
        return json(404, new ErrorBody(e.getMessage(), List.of(), null));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> full(RunnerFull e) {
        return json(503, new ErrorBody(e.getMessage(), List.of(), null));
    }

    /** 507 Insufficient Storage: the data directory is full; nothing was stored. */
    @ServerExceptionMapper
    public RestResponse<ErrorBody> storeFull(dev.mowai.runner.store.StoreFull e) {
        return json(507, new ErrorBody(e.getMessage(), List.of(e.getMessage()), null));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> tryLater(TryLater e) {
        RestResponse<ErrorBody> r = json(e.why() == TryLater.Why.RATE_LIMITED ? 429 : 503,
                new ErrorBody(e.getMessage(), List.of(e.getMessage()), null));
        r.getHeaders().add("Retry-After", String.valueOf(e.retryAfterSeconds()));
        return r;
    }

    private static RestResponse<ErrorBody> json(int status, ErrorBody body) {
        return RestResponse.ResponseBuilder.<ErrorBody>create(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body).build();
    }
}
