package dev.mowai.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.gateway.metrics.GatewayMetrics;
import dev.mowai.gateway.protocol.ChatCompletionChunk;
import dev.mowai.gateway.protocol.ChatCompletionResponse;
import dev.mowai.gateway.protocol.Completion;
import dev.mowai.gateway.protocol.Prompt;
import dev.mowai.gateway.protocol.Role;
import dev.mowai.gateway.service.ChatReply;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.UUID;
import java.util.function.Function;

/**
 * One chat completion's HTTP reply: a JSON body, or server-sent events from the first token on (each chunk as
 * {@code data: {json}}, ending with {@code data: [DONE]}). A failure is a JSON error with its status until the
 * first token; mid-stream the status line is gone, so it is reported in-band. Used on the request's event loop.
 */
final class ChatReplyWriter implements ChatReply {

    private final HttpServerResponse res;
    private final Prompt prompt;
    private final ObjectMapper json;
    private final GatewayMetrics metrics;
    private final Function<Throwable, ErrorReply> errors;
    private final String id = "chatcmpl-" + UUID.randomUUID();
    private final long created = System.currentTimeMillis() / 1000;
    private boolean headersSent;

    ChatReplyWriter(HttpServerResponse res, Prompt prompt, ObjectMapper json, GatewayMetrics metrics,
                    Function<Throwable, ErrorReply> errors) {
        this.res = res;
        this.prompt = prompt;
        this.json = json;
        this.metrics = metrics;
        this.errors = errors;
    }

    @Override
    public void token(String piece) {
        if (!headersSent) {
            headersSent = true;
            res.setStatusCode(200).setChunked(true)
                    .putHeader("Content-Type", "text/event-stream")
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("X-Accel-Buffering", "no");
            res.write(event(json, ChatCompletionChunk.delta(id, created, prompt.model(), Role.ASSISTANT.wire(), "")));
        }
        res.write(event(json, ChatCompletionChunk.delta(id, created, prompt.model(), null, piece)));
    }

    @Override
    public void completed(Completion c) {
        if (prompt.stream()) {
            if (!headersSent) token("");
            res.write(event(json, ChatCompletionChunk.finish(id, created, prompt.model(), c.finishReason())));
            res.end("data: [DONE]\n\n");
        } else {
            res.setStatusCode(200).putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(bytes(json, ChatCompletionResponse.of(id, created, prompt.model(), c))));
        }
    }

    @Override
    public void failed(Throwable failure) {
        ErrorReply r = errors.apply(failure);
        metrics.error(r.kind());
        if (headersSent) {
            // Mid-stream: report in-band and end without [DONE].
            res.end(event(json, r.body()));
        } else {
            send(res, r, json);
        }
    }

    /** An error as its status, Retry-After and JSON body; nothing when the response is already gone. */
    static void send(HttpServerResponse res, ErrorReply r, ObjectMapper json) {
        if (res.ended() || res.closed()) return;
        res.setStatusCode(r.status()).putHeader("Content-Type", "application/json");
        if (r.retryAfterSeconds() != null) res.putHeader("Retry-After", Long.toString(r.retryAfterSeconds()));
        res.end(Buffer.buffer(bytes(json, r.body())));
    }

    private static Buffer event(ObjectMapper json, Object payload) {
        return Buffer.buffer("data: ").appendBytes(bytes(json, payload)).appendString("\n\n");
    }

    private static byte[] bytes(ObjectMapper json, Object o) {
        try {
            return json.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + o.getClass().getSimpleName(), e);
        }
    }
}
