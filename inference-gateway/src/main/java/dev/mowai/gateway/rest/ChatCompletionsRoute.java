package dev.mowai.gateway.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.mowai.gateway.backend.BackendException;
import dev.mowai.gateway.backend.CancelSignal;
import dev.mowai.gateway.backend.LlmBackend;
import dev.mowai.gateway.backend.TokenSink;
import dev.mowai.gateway.config.CallerConfig;
import dev.mowai.gateway.config.LimitsConfig;
import dev.mowai.gateway.config.SchedulerConfig;
import dev.mowai.gateway.core.CallerSignature;
import dev.mowai.gateway.core.Grant;
import dev.mowai.gateway.metrics.GatewayMetrics;
import dev.mowai.gateway.protocol.ChatCompletionChunk;
import dev.mowai.gateway.protocol.ChatCompletionRequest;
import dev.mowai.gateway.protocol.ChatCompletionResponse;
import dev.mowai.gateway.protocol.ChatValidator;
import dev.mowai.gateway.protocol.Completion;
import dev.mowai.gateway.protocol.InvalidRequestException;
import dev.mowai.gateway.protocol.Prompt;
import dev.mowai.gateway.protocol.PromptLimits;
import dev.mowai.gateway.protocol.Role;
import dev.mowai.gateway.service.ActiveBackend;
import dev.mowai.gateway.service.BackendInvoker;
import dev.mowai.gateway.service.SchedulerService;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code POST /v1/chat/completions}. A Vert.x route rather than a JAX-RS method because one endpoint
 * answers either JSON or server-sent events, must send errors as plain JSON until the first token,
 * and must notice at once when the caller's connection closes. The work itself is the scheduler's
 * and the backend's; this class only moves bytes and maps outcomes to HTTP.
 */
@ApplicationScoped
public class ChatCompletionsRoute {

    public static final String PATH = "/v1/chat/completions";

    private static final Logger LOG = Logger.getLogger(ChatCompletionsRoute.class);
    /** Routing-context key of the queue a request was admitted to. */
    private static final String AGENT_KEY = "mowai.agent";

    @Inject ObjectMapper json;
    @Inject SchedulerService scheduler;
    @Inject BackendInvoker invoker;
    @Inject ActiveBackend backend;
    @Inject GatewayMetrics metrics;
    @Inject LimitsConfig limits;
    @Inject SchedulerConfig schedulerConfig;
    @Inject CallerConfig callers;
    @Inject Vertx vertx;
    @ConfigProperty(name = "dev.mowai.gateway.service.BackendInvoker/invoke/CircuitBreaker/delay", defaultValue = "5000")
    long breakerDelayMs;

    private CallerSignature signatures;

    /** Each backend call blocks its own virtual thread; the number running is bounded by the scheduler. */
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    void routes(@Observes Router router) {
        // JSON escapes (\\uXXXX) can make a prompt six times longer on the wire than in characters.
        long bodyLimit = 6L * limits.maxPromptChars() + 64 * 1024;
        signatures = new CallerSignature(callers.key(), callers.arenaKey(), callers.signatureWindow().toMillis());
        if (!signatures.configured()) {
            LOG.warn("mowai.gateway.key is not set: no caller can prove its agent, all share the unsigned queue");
        }
        if (!signatures.arenaConfigured()) {
            LOG.warn("mowai.gateway.arena-key is not set: the arena's moderator calls share the unsigned queue");
        }
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

    void onStop(@Observes ShutdownEvent ev) {
        calls.shutdownNow();
    }

    /**
     * The agent this request is queued for: the one X-Mowai-Agent names when X-Mowai-Agent-Signature proves it,
     * else the shared unsigned queue (anyone can write the header; only the runners hold the key).
     */
    private void identify(RoutingContext ctx) {
        String agent;
        try {
            LlmBackend serving = backend.get();
            agent = new ChatValidator(promptLimits(), serving.model(), serving.acceptedModels())
                    .agentId(ctx.request().getHeader(ChatValidator.AGENT_HEADER));
        } catch (InvalidRequestException e) {
            fail(ctx, ErrorReply.from(e, null, null, null, null));
            return;
        }
        String named = agent.equals(ChatValidator.ANONYMOUS_AGENT) ? null : agent;
        switch (signatures.check(named, ctx.request().getHeader(CallerSignature.HEADER), System.currentTimeMillis())) {
            case CallerSignature.Verdict.Signed signed -> ctx.put(AGENT_KEY, signed.agentId());
            case CallerSignature.Verdict.Unsigned unsigned -> ctx.put(AGENT_KEY, ChatValidator.ANONYMOUS_AGENT);
            case CallerSignature.Verdict.Refused refused -> {
                fail(ctx, ErrorReply.of(401, "authentication_error", "invalid_signature", CallerSignature.HEADER,
                        CallerSignature.HEADER + ": " + refused.problem(), null));
                return;
            }
        }
        ctx.next();
    }

    private void handle(RoutingContext ctx) {
        LlmBackend serving = backend.get();
        ChatValidator validator = new ChatValidator(promptLimits(), serving.model(), serving.acceptedModels());
        String agent = ctx.get(AGENT_KEY);
        Prompt prompt;
        try {
            prompt = validator.validate(parse(ctx.body().buffer()));
        } catch (InvalidRequestException e) {
            fail(ctx, ErrorReply.from(e, null, null, null, null));
            return;
        }
        metrics.request(agent);
        SchedulerService.Ticket ticket;
        try {
            ticket = scheduler.submit(agent);
        } catch (SchedulerService.RejectedException e) {
            fail(ctx, errorReply(e, agent));
            return;
        }
        Call call = new Call(ctx, Vertx.currentContext(), agent, prompt, ticket);
        ctx.response().closeHandler(v -> call.callerGone());
        ticket.started().whenComplete((grant, err) -> call.onEventLoop(() -> {
            if (err != null) {
                call.finishWith(err);
            } else {
                call.run(grant);
            }
        }));
    }

    /** One request from admission to the last byte. Its response state is touched only on its event loop. */
    private final class Call {
        final RoutingContext ctx;
        final Context eventLoop;
        final String agent;
        final Prompt prompt;
        final SchedulerService.Ticket ticket;
        final CancelSignal cancel = new CancelSignal();
        final String id = "chatcmpl-" + UUID.randomUUID();
        final long created = System.currentTimeMillis() / 1000;
        boolean headersSent;
        boolean finished;
        long deadlineTimer = -1;

        Call(RoutingContext ctx, Context eventLoop, String agent, Prompt prompt, SchedulerService.Ticket ticket) {
            this.ctx = ctx;
            this.eventLoop = eventLoop;
            this.agent = agent;
            this.prompt = prompt;
            this.ticket = ticket;
        }

        void onEventLoop(Runnable r) {
            eventLoop.runOnContext(v -> r.run());
        }

        /** Connection closed: leave the queue, or stop the backend call (its slot frees when the backend stops). */
        void callerGone() {
            onEventLoop(() -> {
                if (finished) return;
                finished = true;
                metrics.error("client_gone");
                if (!scheduler.cancelQueued(ticket.id())) cancel.cancel(CancelSignal.Reason.CALLER_GONE);
            });
        }

        void run(Grant grant) {
            if (finished) {
                // The caller left between the grant and now.
                scheduler.release(grant.id());
                return;
            }
            long limitMs = schedulerConfig.requestTimeout().toMillis();
            deadlineTimer = vertx.setTimer(limitMs, t -> {
                // Answer 504 now; the backend call is told to stop and frees its slot once it has.
                if (cancel.cancel(CancelSignal.Reason.TIMEOUT)) finishWith(new BackendException(BackendException.Kind.DEADLINE, "request timeout"));
            });
            TokenSink sink = prompt.stream() ? piece -> onEventLoop(() -> writeDelta(piece)) : null;
            long start = System.nanoTime();
            String backendName = backend.get().name();
            calls.execute(() -> {
                Completion done = null;
                Throwable error = null;
                try {
                    done = invoker.invoke(prompt, sink, cancel);
                } catch (Throwable t) {
                    error = t;
                }
                long took = System.nanoTime() - start;
                scheduler.release(ticket.id());
                if (done != null) {
                    metrics.completed(backendName, took, done.promptTokens(), done.completionTokens());
                } else {
                    metrics.backendFailed(backendName, took);
                }
                Completion result = done;
                Throwable failure = error;
                onEventLoop(() -> {
                    vertx.cancelTimer(deadlineTimer);
                    if (failure != null) finishWith(failure);
                    else finishWith(result);
                });
            });
        }

        void writeDelta(String piece) {
            if (finished) return;
            HttpServerResponse res = ctx.response();
            if (!headersSent) {
                headersSent = true;
                res.setStatusCode(200).setChunked(true)
                        .putHeader("Content-Type", "text/event-stream")
                        .putHeader("Cache-Control", "no-cache")
                        .putHeader("X-Accel-Buffering", "no");
                res.write(event(ChatCompletionChunk.delta(id, created, prompt.model(), Role.ASSISTANT.wire(), "")));
            }
            res.write(event(ChatCompletionChunk.delta(id, created, prompt.model(), null, piece)));
        }

        void finishWith(Completion c) {
            if (finished) return;
            if (prompt.stream()) {
                if (!headersSent) writeDelta("");
                finished = true;
                ctx.response().write(event(ChatCompletionChunk.finish(id, created, prompt.model(), c.finishReason())));
                ctx.response().end("data: [DONE]\n\n");
            } else {
                finished = true;
                ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                        .end(Buffer.buffer(bytes(ChatCompletionResponse.of(id, created, prompt.model(), c))));
            }
        }

        void finishWith(Throwable t) {
            if (finished) return;
            finished = true;
            ErrorReply r = errorReply(t, agent);
            if (headersSent) {
                // Mid-stream the status line is gone: report in-band and end without [DONE].
                metrics.error(r.kind());
                ctx.response().end(event(r.body()));
            } else {
                fail(ctx, r);
            }
        }
    }

    private ErrorReply errorReply(Throwable t, String agent) {
        ErrorReply r = ErrorReply.from(t, agent, schedulerConfig.queueTimeout(), schedulerConfig.requestTimeout(), Duration.ofMillis(breakerDelayMs));
        if (r.status() == 500) LOG.error("unexpected failure serving a chat completion", t);
        return r;
    }

    private void fail(RoutingContext ctx, ErrorReply r) {
        metrics.error(r.kind());
        reply(ctx, r);
    }

    private void reply(RoutingContext ctx, ErrorReply r) {
        HttpServerResponse res = ctx.response();
        if (res.ended() || res.closed()) return;
        res.setStatusCode(r.status()).putHeader("Content-Type", "application/json");
        if (r.retryAfterSeconds() != null) res.putHeader("Retry-After", Long.toString(r.retryAfterSeconds()));
        res.end(Buffer.buffer(bytes(r.body())));
    }

    private ChatCompletionRequest parse(Buffer body) {
        if (body == null || body.length() == 0) throw new InvalidRequestException("body", "a JSON object with \"messages\" is required");
        try {
            return json.readValue(body.getBytes(), ChatCompletionRequest.class);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof JsonParseException syntax) throw notJson(syntax);
            String field = path(e);
            String problem = e instanceof MismatchedInputException m && m.getTargetType() != null
                    ? "has the wrong type (expected " + m.getTargetType().getSimpleName().replace("List", "array") + ")"
                    : "has the wrong type or shape";
            throw new InvalidRequestException(field.isEmpty() ? "body" : field, problem);
        } catch (JsonParseException e) {
            throw notJson(e);
        } catch (java.io.IOException e) {
            throw new InvalidRequestException("body", "could not be read: " + e.getMessage());
        }
    }

    private static InvalidRequestException notJson(JsonParseException e) {
        var at = e.getLocation();
        return new InvalidRequestException("body", "is not valid JSON"
                + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }

    private Buffer event(Object payload) {
        return Buffer.buffer("data: ").appendBytes(bytes(payload)).appendString("\n\n");
    }

    private byte[] bytes(Object o) {
        try {
            return json.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + o.getClass().getSimpleName(), e);
        }
    }

    private PromptLimits promptLimits() {
        return new PromptLimits(limits.maxMessages(), limits.maxMessageChars(), limits.maxPromptChars(), limits.maxTokens(), limits.maxAgentIdChars());
    }
}
