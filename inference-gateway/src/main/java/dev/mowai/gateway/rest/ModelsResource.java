package dev.mowai.gateway.rest;

import dev.mowai.gateway.protocol.ModelList;
import dev.mowai.gateway.service.ActiveBackend;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code GET /v1/models}: the one model this gateway serves, in OpenAI's shape. */
@Path("/v1/models")
public class ModelsResource {

    private final ActiveBackend backend;

    ModelsResource(ActiveBackend backend) {
        this.backend = backend;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The model served by this gateway (owned_by names the backend: mowai-ollama, mowai-embedded or mowai-echo)")
    @APIResponse(responseCode = "200", description = "A list with the one model requests may name (or omit)")
    public ModelList models() {
        return ModelList.of(backend.get().model(), backend.get().name());
    }
}
