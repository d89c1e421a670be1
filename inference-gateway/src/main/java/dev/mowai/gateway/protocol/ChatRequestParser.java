package dev.mowai.gateway.protocol;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * A request body as a {@link ChatCompletionRequest}, or an {@link InvalidRequestException} that names the field
 * that has the wrong type (e.g. {@code messages[0].content}), or where the JSON breaks. Limits are
 * {@link ChatValidator}'s; the body's size was limited before it was read.
 */
public final class ChatRequestParser {

    private final ObjectMapper json;

    public ChatRequestParser(ObjectMapper json) {
        this.json = json;
    }

    public ChatCompletionRequest parse(byte[] body) {
        if (body == null || body.length == 0) throw new InvalidRequestException("body", "a JSON object with \"messages\" is required");
        try {
            return json.readValue(body, ChatCompletionRequest.class);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof JsonParseException syntax) throw notJson(syntax);
            String field = path(e);
            String problem = e instanceof MismatchedInputException m && m.getTargetType() != null
                    ? "has the wrong type (expected " + typeName(m.getTargetType()) + ")"
                    : "has the wrong type or shape";
            throw new InvalidRequestException(field.isEmpty() ? "body" : field, problem);
        } catch (JsonParseException e) {
            throw notJson(e);
        } catch (IOException e) {
            throw new InvalidRequestException("body", "could not be read: " + e.getMessage());
        }
    }

    private static InvalidRequestException notJson(JsonParseException e) {
        var at = e.getLocation();
        return new InvalidRequestException("body", "is not valid JSON"
                + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }

    /** In JSON's words: a list is an array (Jackson names the ArrayList it would have made). */
    private static String typeName(Class<?> type) {
        return java.util.Collection.class.isAssignableFrom(type) ? "array" : type.getSimpleName();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }
}
