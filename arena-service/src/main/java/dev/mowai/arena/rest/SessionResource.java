package dev.mowai.arena.rest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.arena.service.SessionService;
import dev.mowai.arena.session.Debate;
import dev.mowai.arena.session.SessionDocument;
import dev.mowai.arena.session.SessionSpec;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Debate sessions. Writes are the lead's: {@link AdminGateFilter} checks X-Admin-Secret (and the body's
 * declared length) on every POST before this resource runs, exactly as for POST /task.
 */
@Path("/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final SessionService sessions;
    private final ObjectMapper json;

    public SessionResource(SessionService sessions, ObjectMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    public record Created(String sessionId, int round) {
    }

    public record Summary(String sessionId, String state, int round, int rounds, String task, long createdAt) {
        static Summary of(Debate d) {
            return new Summary(d.id(), d.state().name(), d.current().number(), d.spec().rounds(), d.spec().task(),
                    d.createdAt());
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Start a debate session: round 1 goes out as a GLOBAL_TASK (lead only)")
    @APIResponse(responseCode = "201", description = "{\"sessionId\", \"round\": 1}")
    @APIResponse(responseCode = "400", description = "A field is missing, of the wrong type or out of range (the error names it)")
    @APIResponse(responseCode = "401", description = "Missing or wrong X-Admin-Secret")
    @APIResponse(responseCode = "409", description = "No agent is connected")
    public Response create(String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JacksonException e) {
            return ArenaResource.problem(Response.Status.BAD_REQUEST, "body: malformed JSON");
        }
        return switch (SessionSpec.parse(node)) {
            case SessionSpec.Parsed.Problem p -> ArenaResource.problem(Response.Status.BAD_REQUEST, p.error());
            case SessionSpec.Parsed.Ok ok -> sessions.create(ok.spec())
                    .map(d -> Response.created(URI.create("/sessions/" + d.id()))
                            .entity(new Created(d.id(), d.current().number())).build())
                    .orElseGet(() -> ArenaResource.problem(Response.Status.CONFLICT, "no agent is connected: a session needs agents to answer"));
        };
    }

    @GET
    @Operation(summary = "All sessions, oldest first")
    public List<Summary> list() {
        return sessions.all().stream().map(Summary::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A session: state, rounds, per agent per round the answer, its time and whether the position changed")
    public Response get(@PathParam("id") String id) {
        return found(sessions.get(id), d -> Response.ok(d).build());
    }

    @GET
    @Path("{id}/transcript.json")
    @Operation(summary = "The session's full record, as a download")
    public Response transcriptJson(@PathParam("id") String id) {
        return found(sessions.get(id), d -> Response.ok(d)
                .header("Content-Disposition", "attachment; filename=\"session-" + d.id() + ".json\"").build());
    }

    @GET
    @Path("{id}/transcript.md")
    @Produces("text/markdown")
    @Operation(summary = "The session as a readable document: task, rounds, synthesis, verdict, who changed their mind")
    public Response transcriptMarkdown(@PathParam("id") String id) {
        return found(sessions.get(id), d -> Response.ok(SessionDocument.markdown(d), "text/markdown; charset=utf-8")
                .header("Content-Disposition", "inline; filename=\"session-" + d.id() + ".md\"").build());
    }

    @POST
    @Path("{id}/next")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Close the current round now (or stop waiting for the synthesis) (lead only)")
    @APIResponse(responseCode = "409", description = "The session is already finished")
    public Response next(@PathParam("id") String id) {
        return command(() -> sessions.next(id));
    }

    @POST
    @Path("{id}/stop")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "End the session; the verdict is taken from the answers so far (lead only)")
    @APIResponse(responseCode = "409", description = "The session is already finished")
    public Response stop(@PathParam("id") String id) {
        return command(() -> sessions.stop(id));
    }

    private Response command(java.util.function.Supplier<Optional<Debate>> run) {
        try {
            return found(run.get(), d -> Response.ok(Summary.of(d)).build());
        } catch (IllegalStateException e) {
            return ArenaResource.problem(Response.Status.CONFLICT, e.getMessage());
        }
    }

    private static Response found(Optional<Debate> d, Function<Debate, Response> ok) {
        return d.map(ok).orElseGet(() -> ArenaResource.problem(Response.Status.NOT_FOUND, "no session with this id"));
    }
}
