package dev.mowai.gateway.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OpenAI's {@code GET /v1/models} reply. */
public record ModelList(String object, List<Model> data) {

    public record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {}

    public static ModelList of(String model, String backend) {
        return new ModelList("list", List.of(new Model(model, "model", 0, "mowai-" + backend)));
    }
}
