package dev.mowai.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.util.ModelMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rendered object against the Kubernetes API models of client-java: unknown or misplaced fields,
 * missing required fields and wrong kinds fail, as the API server would refuse them.
 */
class StrictSchemaTest {

    private static final Gson GSON = new Gson();

    static Stream<Manifests> targets() {
        return Manifests.all();
    }

    /** The targets and the lead's own secrets. */
    static Stream<Manifests> everything() {
        return Stream.concat(Manifests.all(), Stream.of(Manifests.of(Manifests.SECRETS_TARGET)));
    }

    @ParameterizedTest
    @MethodSource("everything")
    void everyObjectMatchesItsApiSchema(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> object : manifests.raw()) {
            String problem = validate(GSON.toJsonTree(object));
            if (problem != null) {
                problems.add(problem);
            }
        }
        assertTrue(problems.isEmpty(), manifests + ":\n" + String.join("\n", problems));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void everyTargetDeploysTheWholeSwarm(Manifests manifests) {
        Set<String> kinds = new TreeSet<>();
        manifests.raw().forEach(o -> kinds.add(o.get("kind") + "/" + ((Map<?, ?>) o.get("metadata")).get("name")));
        for (String expected : List.of("Namespace/mowai", "Deployment/arena", "StatefulSet/agent-runner",
                "Deployment/inference-gateway", "Deployment/ollama", "Ingress/mowai",
                "HorizontalPodAutoscaler/inference-gateway", "Service/agent-runner-headless")) {
            assertTrue(kinds.contains(expected), manifests + " lacks " + expected + "; has " + kinds);
        }
    }

    /** The validator itself: a typo'd or invented field must be refused, or the check above proves nothing. */
    @Test
    void unknownAndMisplacedFieldsAreRefused() {
        Map<String, Object> deployment = Manifests.of("k8s").raw().stream()
                .filter(o -> "Deployment".equals(o.get("kind"))).findFirst().orElseThrow();
        JsonObject good = GSON.toJsonTree(deployment).getAsJsonObject();
        assertEquals(null, validate(good));

        JsonObject topLevel = good.deepCopy();
        topLevel.addProperty("spex", "typo");
        assertNotNull(validate(topLevel));

        JsonObject nested = good.deepCopy();
        JsonObject container = nested.getAsJsonObject("spec").getAsJsonObject("template").getAsJsonObject("spec")
                .getAsJsonArray("containers").get(0).getAsJsonObject();
        container.getAsJsonObject("securityContext").addProperty("readOnlyRootFileSystem", true);
        String problem = validate(nested);
        assertNotNull(problem);
        assertTrue(problem.contains("readOnlyRootFileSystem"), problem);

        JsonObject missingRequired = good.deepCopy();
        missingRequired.getAsJsonObject("spec").remove("selector");
        assertNotNull(validate(missingRequired));

        JsonObject unknownKind = good.deepCopy();
        unknownKind.addProperty("kind", "Deploymnet");
        assertTrue(validate(unknownKind).contains("no such kind"), validate(unknownKind));
    }

    /** Null when valid, else what is wrong and where. */
    static String validate(JsonElement json) {
        JsonObject object = json.getAsJsonObject();
        String apiVersion = object.has("apiVersion") ? object.get("apiVersion").getAsString() : null;
        String kind = object.has("kind") ? object.get("kind").getAsString() : null;
        String name = object.has("metadata") && object.getAsJsonObject("metadata").has("name")
                ? object.getAsJsonObject("metadata").get("name").getAsString() : "?";
        if (apiVersion == null || kind == null) {
            return name + ": apiVersion and kind are required";
        }
        Class<?> model = ModelMapper.getApiTypeClass(apiVersion, kind);
        // Kinds client-java does not know (CRDs, typos) come back as dynamic objects with no schema.
        if (model == null || !model.getPackageName().equals("io.kubernetes.client.openapi.models")) {
            return kind + "/" + name + ": no such kind in " + apiVersion;
        }
        try {
            Method validator = model.getMethod("validateJsonElement", JsonElement.class);
            validator.invoke(null, json);
            return null;
        } catch (InvocationTargetException e) {
            return kind + "/" + name + ": " + e.getCause().getMessage();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("client-java model " + model.getName() + " has no validator", e);
        }
    }
}
