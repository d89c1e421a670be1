package dev.mowai.arena.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The part of the inference gateway's OpenAI-style API the moderator uses ({@code quarkus.rest-client.gateway.*}). */
@Path("/v1")
@RegisterRestClient(configKey = "gateway")
public interface GatewayApi {

    String AGENT_HEADER = "X-Mowai-Agent";
    String SIGNATURE_HEADER = "X-Mowai-Agent-Signature";

    @POST
    @Path("/chat/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    ChatReply complete(@HeaderParam(AGENT_HEADER) String caller, @HeaderParam(SIGNATURE_HEADER) String signature,
                       ChatRequest request);

    /** {@code max_tokens} bounds the conclusion; the gateway caps it again with its own limit. */
    record ChatRequest(List<Message> messages, boolean stream, @JsonProperty("max_tokens") int maxTokens) {
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
