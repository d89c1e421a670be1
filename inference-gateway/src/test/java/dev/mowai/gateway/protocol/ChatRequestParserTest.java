package dev.mowai.gateway.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChatRequestParserTest {

    final ChatRequestParser parser = new ChatRequestParser(new ObjectMapper());

    private InvalidRequestException invalid(String body) {
        return assertThrows(InvalidRequestException.class, () -> parser.parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheRequestAndIgnoresOtherOpenAiFields() {
        ChatCompletionRequest r = parser.parse("""
                {"model":"phi3.5","messages":[{"role":"user","content":"hi"}],"max_tokens":5,"stream":true,"top_p":0.9}
                """.getBytes(StandardCharsets.UTF_8));
        assertEquals("hi", r.messages().getFirst().content());
        assertEquals(5, r.maxTokens());
        assertEquals(Boolean.TRUE, r.stream());
    }

    @Test
    void anEmptyBodyAsksForMessages() {
        assertEquals("body", assertThrows(InvalidRequestException.class, () -> parser.parse(null)).field());
        assertEquals("body: a JSON object with \"messages\" is required",
                assertThrows(InvalidRequestException.class, () -> parser.parse(new byte[0])).getMessage());
    }

    @Test
    void brokenJsonSaysWhere() {
        InvalidRequestException e = invalid("{\"messages\": [\n}");
        assertEquals("body", e.field());
        assertEquals("body: is not valid JSON (line 2, column 1)", e.getMessage());
    }

    @Test
    void aWrongTypeNamesItsField() {
        assertEquals("messages: has the wrong type (expected array)", invalid("{\"messages\":\"hi\"}").getMessage());
        assertEquals("messages[0].content", invalid("{\"messages\":[{\"role\":\"user\",\"content\":{}}]}").field());
        assertEquals("max_tokens", invalid("{\"messages\":[],\"max_tokens\":\"many\"}").field());
        assertEquals("body", invalid("[1]").field());
    }
}
