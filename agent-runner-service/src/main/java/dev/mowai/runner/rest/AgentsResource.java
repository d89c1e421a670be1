package dev.mowai.runner.rest;

import dev.mowai.runner.core.BodyLimits;
import dev.mowai.runner.core.ConsoleLine;
import dev.mowai.runner.core.SkillFile;
import dev.mowai.runner.protocol.ArenaWire;
import dev.mowai.runner.core.TrialResult;
import dev.mowai.runner.core.UploadForm;
import dev.mowai.runner.service.AgentRegistry;
import dev.mowai.runner.service.AgentView;
import dev.mowai.runner.service.UploadRejected;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The participant API: upload an agent, watch it, replace it, try it, remove it. */
@Path("/agents")
@Tag(name = "agents", description = "Participant API of the agent runner")
@Blocking
public class AgentsResource {

    @Inject
    AgentRegistry registry;
    @Inject
    dev.mowai.runner.config.RunnerConfig config;
    @Inject
    OwnerForwarding forwarding;
    @Inject
    PeerDirectory peers;

    /** A trial task: the text handed to the agent's handle-task. */
    public record TrialRequest(String task) {
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload an agent component",
            description = "Multipart parts: wasm (the component), name, color, persona (one of the built-in personas) "
                    + "or skill (a custom SKILL.md file).")
    @APIResponse(responseCode = "201", description = "{id, token (shown only here), report, agent}; Location: /agents/{id}")
    @APIResponse(responseCode = "400", description = "{error, problems[], report}: every problem with the form or the component")
    @APIResponse(responseCode = "403", description = "Missing or wrong X-Join-Code (when the lead set one)")
    @APIResponse(responseCode = "413", description = "Over the size limits (mowai.limits.max-component-bytes), judged on Content-Length before the body is read")
    @APIResponse(responseCode = "429", description = "Over the uploads per client (Retry-After)")
    @APIResponse(responseCode = "503", description = "The runner is full, or busy compiling other components (Retry-After)")
    @APIResponse(responseCode = "507", description = "The data directory is full: nothing was stored")
    public RestResponse<AgentRegistry.Created> upload(@RestForm("wasm") FileUpload wasm, @RestForm String name,
                                                      @RestForm String color, @RestForm String persona,
                                                      @RestForm("skill") FileUpload skill,
                                                      @RestHeader("X-Join-Code") String joinCode) {
        byte[] bytes = read(wasm, config.limits().maxComponentBytes(), null);
        String skillText = skill == null ? null : new String(read(skill, BodyLimits.MAX_SKILL_BYTES,
                "SKILL.md: " + SkillFile.MAX_CHARS + " characters"), java.nio.charset.StandardCharsets.UTF_8);
        AgentRegistry.Created created = registry.upload(new UploadForm(bytes, name, color, persona, skillText), joinCode);
        return RestResponse.ResponseBuilder.<AgentRegistry.Created>create(RestResponse.Status.CREATED)
                .location(java.net.URI.create("/agents/" + created.id())).entity(created).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "All agents (of every replica unless scope=local)")
    public List<AgentView> list(@QueryParam("scope") String scope) {
        List<AgentView> local = registry.list();
        if ("local".equals(scope)) {
            return local;
        }
        List<AgentView> all = new java.util.ArrayList<>(local);
        for (OwnerForwarding.Peer peer : forwarding.otherReplicas()) {
            all.addAll(peers.list(peer));
        }
        return all;
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One agent: state, persona, counters, last error")
    @APIResponse(responseCode = "200", description = "The agent")
    @APIResponse(responseCode = "404", description = "No such agent")
    public AgentView get(@RestPath String id) {
        return registry.get(id);
    }

    @PUT
    @Path("{id}/wasm")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hot-swap the component (multipart part 'wasm'); keeps the id, token and persona",
            description = "A refused hot swap leaves the running component as it was.")
    @APIResponse(responseCode = "200", description = "The agent, running the new component")
    @APIResponse(responseCode = "400", description = "{error, problems[], report}: the component does not fit the world; the running one stays")
    @APIResponse(responseCode = "401", description = "Missing or wrong agent token (Authorization: Bearer)")
    @APIResponse(responseCode = "404", description = "No such agent")
    @APIResponse(responseCode = "413", description = "Over the size limits (mowai.limits.max-component-bytes), judged on Content-Length before the body is read")
    @APIResponse(responseCode = "429", description = "Over the hot swaps per agent (Retry-After)")
    @APIResponse(responseCode = "503", description = "Busy compiling other components (Retry-After)")
    @APIResponse(responseCode = "507", description = "The data directory is full: nothing was stored")
    public AgentView replace(@RestPath String id, @RestForm("wasm") FileUpload wasm,
                             @RestHeader("Authorization") String authorization) {
        return registry.replaceComponent(id, Bearer.token(authorization),
                read(wasm, config.limits().maxComponentBytes(), null));
    }

    @PUT
    @Path("{id}/wasm")
    @Consumes({"application/wasm", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hot-swap the component (raw body)")
    public AgentView replaceRaw(@RestPath String id, byte[] wasm, @RestHeader("Authorization") String authorization) {
        return registry.replaceComponent(id, Bearer.token(authorization), wasm);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove the agent: it leaves the arena and its data is deleted")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "401", description = "Missing or wrong agent token (Authorization: Bearer)")
    @APIResponse(responseCode = "404", description = "No such agent")
    public RestResponse<Void> delete(@RestPath String id, @RestHeader("Authorization") String authorization) {
        registry.delete(id, Bearer.token(authorization));
        return RestResponse.noContent();
    }

    @POST
    @Path("{id}/trial")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run one task privately: thoughts and the answer come back here, nothing reaches the arena")
    @APIResponse(responseCode = "200", description = "{thoughts[], response, durationMs, llmCalls, error}")
    @APIResponse(responseCode = "400", description = "task is missing or not 1-512 characters")
    @APIResponse(responseCode = "401", description = "Missing or wrong agent token (Authorization: Bearer)")
    @APIResponse(responseCode = "404", description = "No such agent")
    @APIResponse(responseCode = "429", description = "Over the trials per agent (Retry-After)")
    public TrialResult trial(@RestPath String id, TrialRequest request, @RestHeader("Authorization") String authorization) {
        String task = request == null ? null : request.task();
        if (task == null || task.isBlank() || task.length() > ArenaWire.TASK_MAX) {
            throw new UploadRejected(List.of("task: must be 1-" + ArenaWire.TASK_MAX + " characters (like an arena task)"), null);
        }
        return registry.trial(id, Bearer.token(authorization), task);
    }

    @POST
    @Path("{id}/console-ticket")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A single-use ticket for the console (GET /agents/{id}/logs?ticket=…), valid for 60 s",
            description = "For clients that cannot send a header (a browser's EventSource): the token stays out of URLs.")
    @APIResponse(responseCode = "200", description = "{ticket, expiresInSeconds}")
    @APIResponse(responseCode = "401", description = "Missing or wrong agent token (Authorization: Bearer)")
    @APIResponse(responseCode = "404", description = "No such agent")
    public AgentRegistry.ConsoleTicket consoleTicket(@RestPath String id, @RestHeader("Authorization") String authorization) {
        return registry.consoleTicket(id, Bearer.token(authorization));
    }

    @GET
    @Path("{id}/logs")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live console (Server-Sent Events): recent lines, then new ones. Token as Bearer, or ?ticket= "
            + "from POST /agents/{id}/console-ticket")
    @APIResponse(responseCode = "200", description = "Server-Sent Events: the last lines, then new ones")
    @APIResponse(responseCode = "401", description = "Missing or wrong token, a used, expired or other agent's ticket, or ?token= (refused)")
    @APIResponse(responseCode = "404", description = "No such agent")
    public Multi<ConsoleLine> logs(@RestPath String id, @RestHeader("Authorization") String authorization,
                                   @QueryParam("ticket") String ticket, @QueryParam("token") String tokenInUrl) {
        if (tokenInUrl != null) {
            // Proxies and access logs keep URLs: a token that was in one must be treated as leaked.
            throw new dev.mowai.runner.service.AccessDenied(dev.mowai.runner.service.AccessDenied.Reason.TOKEN,
                    "the token does not belong in a URL (proxies and access logs keep it): send it as Authorization: Bearer, "
                            + "or get a console ticket with POST /agents/" + id + "/console-ticket and use ?ticket=");
        }
        dev.mowai.runner.core.Console console = ticket != null ? registry.consoleByTicket(id, ticket)
                : registry.console(id, Bearer.token(authorization));
        return Multi.createFrom().<ConsoleLine>emitter(emitter -> {
            console.recent().forEach(emitter::emit);
            Runnable unsubscribe = console.subscribe(emitter::emit);
            emitter.onTermination(unsubscribe);
            // The SSE writer asks for one line at a time: buffer the replayed recent lines (dropping them
            // lost all but the first); a client too slow for 1000 lines is cut off, and a reconnect replays.
        }).onOverflow().buffer(1000);
    }

    /** A part (kept on disk until here), refused when larger than {@code max} ({@code limit} names it; null: the component's). */
    private static byte[] read(FileUpload upload, long max, String limit) {
        if (upload == null) {
            return null;
        }
        if (upload.size() > max) {
            throw new TooLarge(limit == null ? UploadForm.tooLarge(upload.name(), upload.size(), max)
                    : upload.name() + ": " + upload.size() + " bytes exceeds the limit of " + max + " (" + limit + ")");
        }
        try {
            return Files.readAllBytes(upload.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An upload over the size limit (413). */
    public static final class TooLarge extends RuntimeException {
        public TooLarge(String message) {
            super(message, null, false, false);
        }
    }
}
