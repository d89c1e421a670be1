package dev.mowai.gateway.rest;

import dev.mowai.gateway.protocol.ModelList;
import dev.mowai.gateway.service.ActiveBackend;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /v1/models}: the one model this gateway serves, in OpenAI's shape. */
@Path("/v1/models")
public class ModelsResource {

    @Inject ActiveBackend backend;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The model served by this gateway (owned_by names the backend: mowai-ollama, mowai-embedded or mowai-echo)")
    public ModelList models() {
        return ModelList.of(backend.get().model(), backend.get().name());
    }
}
