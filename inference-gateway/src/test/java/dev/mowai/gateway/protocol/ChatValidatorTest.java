package dev.mowai.gateway.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatValidatorTest {

    private final ChatValidator v = new ChatValidator(new PromptLimits(3, 10, 25, 100), "phi3.5", List.of("phi3.5"));

    private static ChatMessage user(String c) {
        return new ChatMessage("user", c);
    }

    private InvalidRequestException invalid(ChatCompletionRequest r) {
        return assertThrows(InvalidRequestException.class, () -> v.validate(r));
    }

    @Test
    void acceptsAMinimalRequestWithDefaults() {
        Prompt p = v.validate(new ChatCompletionRequest(null, List.of(user("hi")), null, null, null));
        assertEquals("phi3.5", p.model());
        assertNull(p.maxTokens());
        assertNull(p.temperature());
        assertFalse(p.stream());
        assertEquals("hi", p.lastUserMessage());
    }

    @Test
    void acceptsAFullRequest() {
        Prompt p = v.validate(new ChatCompletionRequest("phi3.5",
                List.of(new ChatMessage("system", "be brief"), user("one"), new ChatMessage("assistant", "two")), 100, 2.0, true));
        assertEquals(100, p.maxTokens());
        assertEquals(2.0, p.temperature());
        assertTrue(p.stream());
        assertEquals("one", p.lastUserMessage(), "the last *user* message, not the last message");
    }

    @Test
    void namesTheFieldForEachProblem() {
        assertEquals("body", assertThrows(InvalidRequestException.class, () -> v.validate(null)).field());
        assertEquals("messages", invalid(new ChatCompletionRequest(null, null, null, null, null)).field());
        InvalidRequestException empty = invalid(new ChatCompletionRequest(null, List.of(), null, null, null));
        assertEquals("messages: must contain at least one message", empty.getMessage());
        InvalidRequestException many = invalid(new ChatCompletionRequest(null, List.of(user("a"), user("b"), user("c"), user("d")), null, null, null));
        assertEquals("messages: at most 3 messages allowed (got 4)", many.getMessage());
        List<ChatMessage> withNull = new ArrayList<>();
        withNull.add(null);
        assertEquals("messages[0]", invalid(new ChatCompletionRequest(null, withNull, null, null, null)).field());
        InvalidRequestException role = invalid(new ChatCompletionRequest(null, List.of(user("a"), new ChatMessage("tool", "x")), null, null, null));
        assertEquals("messages[1].role", role.field());
        assertEquals("messages[1].role: must be one of system, user, assistant (got 'tool')", role.getMessage());
        assertEquals("messages[0].role", invalid(new ChatCompletionRequest(null, List.of(new ChatMessage(null, "x")), null, null, null)).field());
        assertEquals("messages[0].role", invalid(new ChatCompletionRequest(null, List.of(new ChatMessage("USER", "x")), null, null, null)).field());
        assertEquals("messages[0].content", invalid(new ChatCompletionRequest(null, List.of(new ChatMessage("user", null)), null, null, null)).field());
    }

    @Test
    void enforcesSizeLimitsAndSaysWhichLimit() {
        InvalidRequestException one = invalid(new ChatCompletionRequest(null, List.of(user("x".repeat(11))), null, null, null));
        assertEquals("messages[0].content: at most 10 characters (got 11)", one.getMessage());
        assertEquals("x".repeat(10), v.validate(new ChatCompletionRequest(null, List.of(user("x".repeat(10))), null, null, null)).lastUserMessage());
        InvalidRequestException total = invalid(new ChatCompletionRequest(null, List.of(user("x".repeat(10)), user("y".repeat(10)), user("z".repeat(6))), null, null, null));
        assertEquals("messages: the prompt has 26 characters; the limit is 25", total.getMessage());
    }

    @Test
    void needsAUserMessage() {
        InvalidRequestException e = invalid(new ChatCompletionRequest(null, List.of(new ChatMessage("system", "x")), null, null, null));
        assertEquals("messages", e.field());
        assertTrue(e.getMessage().contains("'user'"));
    }

    @Test
    void checksMaxTokensTemperatureAndModel() {
        assertEquals("max_tokens: must be between 1 and 100 (got 0)", invalid(new ChatCompletionRequest(null, List.of(user("a")), 0, null, null)).getMessage());
        assertEquals("max_tokens", invalid(new ChatCompletionRequest(null, List.of(user("a")), 101, null, null)).field());
        assertEquals("temperature", invalid(new ChatCompletionRequest(null, List.of(user("a")), null, -0.1, null)).field());
        assertEquals("temperature", invalid(new ChatCompletionRequest(null, List.of(user("a")), null, Double.NaN, null)).field());
        assertEquals("temperature", invalid(new ChatCompletionRequest(null, List.of(user("a")), null, 2.01, null)).field());
        InvalidRequestException model = invalid(new ChatCompletionRequest("gpt-4o", List.of(user("a")), null, null, null));
        assertEquals("model: this gateway serves 'phi3.5' (got 'gpt-4o')", model.getMessage());
        String hostile = "m".repeat(10_000);
        assertTrue(invalid(new ChatCompletionRequest(hostile, List.of(user("a")), null, null, null)).getMessage().length() < 120,
                "hostile values are not echoed back in full");
        assertEquals("phi3.5", v.validate(new ChatCompletionRequest("", List.of(user("a")), null, null, null)).model());
    }

    @Test
    void aStandInServesTheModelItStandsInForAndSaysWhoAnswered() {
        ChatValidator echo = new ChatValidator(new PromptLimits(3, 10, 25, 100), "echo", List.of("echo", "phi3.5"));
        assertEquals("echo", echo.validate(new ChatCompletionRequest("phi3.5", List.of(user("a")), null, null, null)).model());
        assertEquals("echo", echo.validate(new ChatCompletionRequest("echo", List.of(user("a")), null, null, null)).model());
        InvalidRequestException other = assertThrows(InvalidRequestException.class,
                () -> echo.validate(new ChatCompletionRequest("gpt-4o", List.of(user("a")), null, null, null)));
        assertEquals("model: this gateway serves 'echo' or 'phi3.5' (got 'gpt-4o')", other.getMessage());
    }
}
