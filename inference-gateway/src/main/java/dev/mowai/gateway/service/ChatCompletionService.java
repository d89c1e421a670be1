package dev.mowai.gateway.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.gateway.backend.BackendException;
import dev.mowai.gateway.backend.CancelSignal;
import dev.mowai.gateway.backend.LlmBackend;
import dev.mowai.gateway.backend.TokenSink;
import dev.mowai.gateway.config.CallerConfig;
import dev.mowai.gateway.config.LimitsConfig;
import dev.mowai.gateway.config.SchedulerConfig;
import dev.mowai.gateway.core.CallerIdentification;
import dev.mowai.gateway.core.CallerSignature;
import dev.mowai.gateway.core.Grant;
import dev.mowai.gateway.metrics.GatewayMetrics;
import dev.mowai.gateway.protocol.ChatRequestParser;
import dev.mowai.gateway.protocol.ChatValidator;
import dev.mowai.gateway.protocol.Completion;
import dev.mowai.gateway.protocol.Prompt;
import dev.mowai.gateway.protocol.PromptLimits;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * A chat completion from its headers to its outcome: who asks ({@link CallerIdentification}), what (the body parsed
 * and validated against the serving backend), when it may run ({@link SchedulerService}), and the backend call
 * through the circuit breaker ({@link BackendInvoker}) on a virtual thread of its own under the request timeout,
 * with its metrics. HTTP is the route's: this class tells a {@link ChatReply} what happened.
 */
@ApplicationScoped
public class ChatCompletionService {

    private static final Logger LOG = Logger.getLogger(ChatCompletionService.class);

    private final SchedulerService scheduler;
    private final BackendInvoker invoker;
    private final ActiveBackend backend;
    private final GatewayMetrics metrics;
    private final SchedulerConfig schedulerConfig;
    private final Vertx vertx;
    private final CallerSignature signatures;
    private final CallerIdentification callers;
    private final ChatRequestParser parser;
    private final PromptLimits promptLimits;
    /** Each backend call blocks its own virtual thread; the number running is bounded by the scheduler. */
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    ChatCompletionService(SchedulerService scheduler, BackendInvoker invoker, ActiveBackend backend, GatewayMetrics metrics,
                          LimitsConfig limits, SchedulerConfig schedulerConfig, CallerConfig callerConfig, ObjectMapper json,
                          Vertx vertx) {
        this.scheduler = scheduler;
        this.invoker = invoker;
        this.backend = backend;
        this.metrics = metrics;
        this.schedulerConfig = schedulerConfig;
        this.vertx = vertx;
        this.signatures = new CallerSignature(callerConfig.key(), callerConfig.arenaKey(), callerConfig.signatureWindow().toMillis());
        this.callers = new CallerIdentification(signatures, limits.maxAgentIdChars());
        this.parser = new ChatRequestParser(json);
        this.promptLimits = new PromptLimits(limits.maxMessages(), limits.maxMessageChars(), limits.maxPromptChars(), limits.maxTokens());
    }

    void onStart(@Observes StartupEvent ev) {
        if (!signatures.configured()) {
            LOG.warn("mowai.gateway.key is not set: no caller can prove its agent, all share the unsigned queue");
        }
        if (!signatures.arenaConfigured()) {
            LOG.warn("mowai.gateway.arena-key is not set: the arena's moderator calls share the unsigned queue");
        }
    }

    void onStop(@Observes ShutdownEvent ev) {
        calls.shutdownNow();
    }

    /** The queue a request joins; throws InvalidRequestException (bad agent header) or CallerRefusedException. */
    public String identify(String agentHeader, String signatureHeader) {
        return callers.queueOf(agentHeader, signatureHeader, System.currentTimeMillis());
    }

    /** The body as a prompt for the serving backend; throws InvalidRequestException naming the field and limit. */
    public Prompt prompt(byte[] body) {
        LlmBackend serving = backend.get();
        return new ChatValidator(promptLimits, serving.model(), serving.acceptedModels()).validate(parser.parse(body));
    }

    /**
     * Queues {@code prompt} for {@code agent}'s turn; {@code reply} hears of it on {@code eventLoop}.
     *
     * @throws SchedulerService.RejectedException the agent's or the gateway's queue is full
     */
    public Call start(String agent, Prompt prompt, Executor eventLoop, ChatReply reply) {
        metrics.request(agent);
        Call call = new Call(eventLoop, prompt, scheduler.submit(agent), reply);
        call.ticket.started().whenComplete((grant, err) -> eventLoop.execute(() -> {
            if (err != null) {
                call.fail(err);
            } else {
                call.run(grant);
            }
        }));
        return call;
    }

    /** One request from admission to its end. Its state is touched only on its event loop. */
    public final class Call {
        private final Executor eventLoop;
        private final Prompt prompt;
        private final SchedulerService.Ticket ticket;
        private final ChatReply reply;
        private final CancelSignal cancel = new CancelSignal();
        private boolean finished;
        private long deadlineTimer = -1;

        private Call(Executor eventLoop, Prompt prompt, SchedulerService.Ticket ticket, ChatReply reply) {
            this.eventLoop = eventLoop;
            this.prompt = prompt;
            this.ticket = ticket;
            this.reply = reply;
        }

        /** Connection closed: leave the queue, or stop the backend call (its slot frees when the backend stops). */
        public void callerGone() {
            eventLoop.execute(() -> {
                if (finished) return;
                finished = true;
                metrics.error("client_gone");
                if (!scheduler.cancelQueued(ticket.id())) cancel.cancel(CancelSignal.Reason.CALLER_GONE);
            });
        }

        private void run(Grant grant) {
            if (finished) {
                // The caller left between the grant and now.
                scheduler.release(grant.id());
                return;
            }
            deadlineTimer = vertx.setTimer(schedulerConfig.requestTimeout().toMillis(), t -> eventLoop.execute(() -> {
                // Answer 504 now; the backend call is told to stop and frees its slot once it has.
                if (cancel.cancel(CancelSignal.Reason.TIMEOUT)) fail(new BackendException(BackendException.Kind.DEADLINE, "request timeout"));
            }));
            TokenSink sink = prompt.stream() ? piece -> eventLoop.execute(() -> {
                if (!finished) reply.token(piece);
            }) : null;
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
                eventLoop.execute(() -> {
                    vertx.cancelTimer(deadlineTimer);
                    if (failure != null) fail(failure);
                    else complete(result);
                });
            });
        }

        private void complete(Completion c) {
            if (finished) return;
            finished = true;
            reply.completed(c);
        }

        private void fail(Throwable t) {
            if (finished) return;
            finished = true;
            reply.failed(t);
        }
    }
}
