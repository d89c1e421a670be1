package dev.mowai.arena.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.arena.protocol.Limits;
import dev.mowai.arena.protocol.RosterEntry;
import dev.mowai.arena.protocol.TaskDescription;
import dev.mowai.arena.service.ArenaService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The arena's REST API (seed-compatible shapes). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ArenaResource {

    private final ArenaService arena;
    private final ObjectMapper json;

    public ArenaResource(ArenaService arena, ObjectMapper json) {
        this.arena = arena;
        this.json = json;
    }

    public record Health(String status, int agents, long uptime, int spectators, long arenaSeq) {
    }

    /** {@code note} only when the description was cut to its first 512 characters (as the seed did). */
    public record TaskCreated(String taskId, long arenaSeq, int agents, @JsonInclude(JsonInclude.Include.NON_NULL) String note) {
    }

    public record Problem(String error) {
    }

    @GET
    @Path("health")
    @Operation(summary = "Liveness in the seed's shape: status, connected agents, uptime in seconds")
    public Health health() {
        return new Health("ok", arena.agentCount(), arena.uptimeSeconds(), arena.spectatorCount(), arena.arenaSeq());
    }

    @GET
    @Path("agents")
    @Operation(summary = "Connected agents, by slot")
    public List<RosterEntry> agents() {
        return arena.roster();
    }

    @POST
    @Path("task")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Broadcast a task to every agent and spectator (lead only)")
    @APIResponse(responseCode = "200", description = "Task broadcast; a description over 512 characters is cut to its first 512, as the seed did, and the answer has a note")
    @APIResponse(responseCode = "400", description = "Body is not {\"description\": a non-blank string}")
    @APIResponse(responseCode = "401", description = "Missing or wrong X-Admin-Secret")
    @APIResponse(responseCode = "403", description = "No admin secret configured and none could be kept in the data directory: the endpoint is closed")
    @APIResponse(responseCode = "413", description = "Body over 4096 bytes (refused on Content-Length before it is read)")
    public Response task(@Parameter(description = "The admin secret (MOWAI_ADMIN_SECRET, else the one generated in <data-dir>/admin-secret); checked by AdminGateFilter "
            + "before the body is read") @HeaderParam("X-Admin-Secret") String secret, String body) {
        String description;
        try {
            JsonNode node = body == null || body.isBlank() ? null : json.readTree(body);
            if (node == null || !node.isObject()) {
                return problem(Response.Status.BAD_REQUEST, "body: expected a JSON object {\"description\": \"…\"}");
            }
            JsonNode d = node.get("description");
            description = d != null && d.isTextual() ? d.textValue() : null;
        } catch (JacksonException e) {
            return problem(Response.Status.BAD_REQUEST, "body: malformed JSON");
        }
        Optional<String> problem = TaskDescription.problem(description);
        if (problem.isPresent()) {
            return problem(Response.Status.BAD_REQUEST, problem.get());
        }
        String sent = TaskDescription.cut(description);
        ArenaService.TaskAccepted t = arena.postTask(sent);
        String note = sent.length() == description.length() ? null : "description: " + description.length()
                + " characters; its first " + sent.length() + " were sent (the limit is " + Limits.TASK_DESCRIPTION
                + ", as in the seed)";
        return Response.ok(new TaskCreated(t.taskId(), t.arenaSeq(), t.agents(), note)).build();
    }

    /** A JSON {@code {"error"}} answer; the session resource uses it too. */
    static Response problem(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new Problem(message)).build();
    }
}
