package dev.mowai.gateway.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.gateway.protocol.ChatMessage;
import dev.mowai.gateway.protocol.Completion;
import dev.mowai.gateway.protocol.Prompt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** llama.cpp in-process on a random-weight model the test writes itself. */
class EmbeddedBackendTest {

    @TempDir static Path dir;
    static EmbeddedBackend backend;

    @BeforeAll
    static void load() throws Exception {
        Path model = TinyLlamaGguf.write(dir.resolve("tiny-random.gguf"), 7);
        backend = new EmbeddedBackend(model, 256, 1, 16, 0.8f);
    }

    @AfterAll
    static void close() {
        if (backend != null) backend.close();
    }

    private static Prompt prompt(Integer maxTokens, boolean stream) {
        return new Prompt("tiny-random", List.of(new ChatMessage("system", "be brief"), new ChatMessage("user", "hello there")),
                maxTokens, 1.0, stream);
    }

    @Test
    void generatesUpToMaxTokensAndCountsTokens() {
        Completion c = backend.generate(prompt(8, false), null, new CancelSignal());
        assertTrue(c.promptTokens() > 5, "the rendered prompt was tokenized: " + c.promptTokens());
        assertTrue(c.completionTokens() >= 1 && c.completionTokens() <= 8, "tokens out: " + c.completionTokens());
        assertEquals(c.completionTokens() >= 8 ? "length" : "stop", c.finishReason());
        assertEquals("tiny-random", backend.model());
        assertEquals("embedded", backend.name());
        assertTrue(backend.status().ready());
    }

    @Test
    void streamsThePiecesThatMakeUpTheReply() {
        List<String> pieces = new ArrayList<>();
        Completion c = backend.generate(prompt(12, true), pieces::add, new CancelSignal());
        assertEquals(c.text(), String.join("", pieces));
    }

    @Test
    void stopsWhenCancelled() {
        CancelSignal cancel = new CancelSignal();
        int[] seen = {0};
        assertThrows(CallCancelledException.class, () -> backend.generate(prompt(200, true), piece -> {
            if (++seen[0] == 1) cancel.cancel(CancelSignal.Reason.CALLER_GONE);
        }, cancel));
        assertTrue(seen[0] < 200, "generation stopped early: " + seen[0]);
        CancelSignal late = new CancelSignal();
        late.cancel(CancelSignal.Reason.TIMEOUT);
        BackendException e = assertThrows(BackendException.class, () -> backend.generate(prompt(4, false), null, late));
        assertEquals(BackendException.Kind.DEADLINE, e.kind());
        // Still usable afterwards.
        assertTrue(backend.generate(prompt(4, false), null, new CancelSignal()).completionTokens() >= 1);
    }

    @Test
    void rendersTheConversationInPhi3ChatFormat() {
        assertEquals("<|system|>\nbe brief<|end|>\n<|user|>\nhello there<|end|>\n<|assistant|>\n", EmbeddedBackend.render(prompt(1, false)));
    }

    @Test
    void missingModelFileIsAClearConfigError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EmbeddedBackend(dir.resolve("nope.gguf"), 256, 1, 16, 0.8f));
        assertTrue(e.getMessage().startsWith("mowai.llm.model-file: no such file"), e.getMessage());
    }
}
