package dev.mowai.gateway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.gateway.config.LimitsConfig;
import dev.mowai.gateway.config.SchedulerConfig;
import dev.mowai.gateway.core.CallerIdentification;
import dev.mowai.gateway.core.CallerSignature;
import dev.mowai.gateway.metrics.GatewayMetrics;
import dev.mowai.gateway.protocol.Prompt;
import dev.mowai.gateway.service.ChatCompletionService;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code POST /v1/chat/completions}. A Vert.x route rather than a JAX-RS method because one endpoint
 * answers either JSON or server-sent events, must send errors as plain JSON until the first token,
 * and must notice at once when the caller's connection closes. The work is {@link ChatCompletionService}'s;
 * this class only moves bytes and maps outcomes to HTTP ({@link ErrorReply}, {@link ChatReplyWriter}).
 * Its status codes are documented in META-INF/openapi.yaml (annotations describe JAX-RS methods only).
 */
@ApplicationScoped
public class ChatCompletionsRoute {

    public static final String PATH = "/v1/chat/completions";

    private static final Logger LOG = Logger.getLogger(ChatCompletionsRoute.class);
    /** Routing-context key of the queue a request was admitted to. */
    private static final String AGENT_KEY = "mowai.agent";

    private final ChatCompletionService chats;
    private final GatewayMetrics metrics;
    private final ObjectMapper json;
    private final LimitsConfig limits;
    private final SchedulerConfig scheduler;
    private final Duration breakerDelay;

    ChatCompletionsRoute(ChatCompletionService chats, GatewayMetrics metrics, ObjectMapper json, LimitsConfig limits,
                         SchedulerConfig scheduler,
                         @ConfigProperty(name = "dev.mowai.gateway.service.BackendInvoker/invoke/CircuitBreaker/delay",
                                 defaultValue = "5000") long breakerDelayMs) {
        this.chats = chats;
        this.metrics = metrics;
        this.json = json;
        this.limits = limits;
        this.scheduler = scheduler;
        this.breakerDelay = Duration.ofMillis(breakerDelayMs);
    }

    void routes(@Observes Router router) {
        // JSON escapes (\\uXXXX) can make a prompt six times longer on the wire than in characters.
        long bodyLimit = 6L * limits.maxPromptChars() + 64 * 1024;
        // Headers first, on a route of its own (Vert.x wants a route's body handler first): a refused caller's
        // body is never read. It calls next() at once, before any of the body can arrive unhandled.
        router.post(PATH).handler(this::identify);
        router.post(PATH)
                .handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                .handler(this::handle)
                .failureHandler(ctx -> {
                    int status = ctx.statusCode();
                    ErrorReply r;
                    if (status == 413) {
                        r = ErrorReply.of(413, "invalid_request_error", "body_too_large", "body", "body: the request body exceeds "
                                + bodyLimit + " bytes (mowai.limits.max-prompt-chars=" + limits.maxPromptChars() + ")", null);
                    } else if (status >= 400 && status < 500) {
                        r = ErrorReply.of(status, "invalid_request_error", "invalid_request", "body", "body: could not be read", null);
                    } else {
                        r = errorReply(ctx.failure(), null);
                    }
                    fail(ctx, r);
                });
    }

    private void identify(RoutingContext ctx) {
        try {
            ctx.put(AGENT_KEY, chats.identify(ctx.request().getHeader(CallerIdentification.AGENT_HEADER),
                    ctx.request().getHeader(CallerSignature.HEADER)));
        } catch (RuntimeException refused) {
            fail(ctx, errorReply(refused, null));
            return;
        }
        ctx.next();
    }

    private void handle(RoutingContext ctx) {
        String agent = ctx.get(AGENT_KEY);
        Buffer body = ctx.body().buffer();
        ChatCompletionService.Call call;
        try {
            Prompt prompt = chats.prompt(body == null ? null : body.getBytes());
            Context eventLoop = Vertx.currentContext();
            call = chats.start(agent, prompt, task -> eventLoop.runOnContext(v -> task.run()),
                    new ChatReplyWriter(ctx.response(), prompt, json, metrics, t -> errorReply(t, agent)));
        } catch (RuntimeException refused) {
            fail(ctx, errorReply(refused, agent));
            return;
        }
        ctx.response().closeHandler(v -> call.callerGone());
    }

    private ErrorReply errorReply(Throwable t, String agent) {
        ErrorReply r = ErrorReply.from(t, agent, scheduler.queueTimeout(), scheduler.requestTimeout(), breakerDelay);
        if (r.status() == 500) LOG.error("unexpected failure serving a chat completion", t);
        return r;
    }

    private void fail(RoutingContext ctx, ErrorReply r) {
        metrics.error(r.kind());
        ChatReplyWriter.send(ctx.response(), r, json);
    }
}
