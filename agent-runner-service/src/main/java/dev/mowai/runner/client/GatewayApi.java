package dev.mowai.runner.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The part of the inference gateway's OpenAI-style API the runner uses (built by {@link GatewayCaller}). */
@Path("/v1")
public interface GatewayApi {

    String AGENT_HEADER = "X-Mowai-Agent";
    /** {@code <unix ms>.<HMAC-SHA256 of mowai-gateway|agentId|unix ms, base64url>}: proves the agent header. */
    String SIGNATURE_HEADER = "X-Mowai-Agent-Signature";

    @POST
    @Path("/chat/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    ChatReply complete(@HeaderParam(AGENT_HEADER) String agentId, @HeaderParam(SIGNATURE_HEADER) String signature,
                       ChatRequest request);

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    String models();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChatRequest(List<Message> messages, Boolean stream) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Message(String role, String content) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ChatReply(List<Choice> choices) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(Message message) {
    }
}
