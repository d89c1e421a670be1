package dev.mowai.runner.client;

import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.core.LlmPort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/** host-llm through the gateway; every failure becomes a reason a participant can act on. */
@ApplicationScoped
public class GatewayLlm implements LlmPort {

    @Inject
    GatewayCaller caller;

    @Inject
    RunnerConfig config;

    @Override
    public Reply complete(String agentId, String systemPrompt, String prompt) {
        try {
            return new Reply.Ok(caller.ask(agentId, systemPrompt, prompt));
        } catch (GatewayRefusal e) {
            return new Reply.Failed(e.getMessage());
        } catch (org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException e) {
            return new Reply.Failed("the inference gateway keeps failing; host-llm calls are paused for a few seconds");
        } catch (TimeoutException e) {
            return new Reply.Failed("no answer from the model within " + config.runner().llmTimeout().toSeconds() + " s");
        } catch (ProcessingException e) {
            return new Reply.Failed(cause(e));
        } catch (RuntimeException e) {
            return new Reply.Failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private String cause(ProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "the inference gateway is unreachable at " + config.gatewayUrl();
            }
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return "no answer from the model within " + config.runner().llmTimeout().toSeconds() + " s";
            }
        }
        return "the inference gateway could not be reached: " + e.getMessage();
    }
}
