package dev.mowai.gateway.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.gateway.protocol.ChatMessage;
import dev.mowai.gateway.protocol.Completion;
import dev.mowai.gateway.protocol.Prompt;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancelSignalAndEchoTest {

    @Test
    void cancelSignalFiresOnceAndLateListenersRunAtOnce() {
        CancelSignal s = new CancelSignal();
        List<String> calls = new ArrayList<>();
        s.onCancel(() -> calls.add("early"));
        assertFalse(s.isCancelled());
        assertTrue(s.cancel(CancelSignal.Reason.CALLER_GONE));
        assertFalse(s.cancel(CancelSignal.Reason.TIMEOUT), "the first reason wins");
        s.onCancel(() -> calls.add("late"));
        assertEquals(List.of("early", "late"), calls);
        assertEquals(CancelSignal.Reason.CALLER_GONE, s.reason());
        assertInstanceOf(CallCancelledException.class, s.toException("x"));
        CancelSignal t = new CancelSignal();
        t.cancel(CancelSignal.Reason.TIMEOUT);
        assertEquals(BackendException.Kind.DEADLINE, ((BackendException) t.toException("x")).kind());
    }

    @Test
    void echoStandsInForTheConfiguredModel() {
        assertEquals(List.of("echo", "phi3.5"), new EchoBackend("phi3.5").acceptedModels());
        assertEquals(List.of("echo"), new EchoBackend("echo").acceptedModels());
        assertEquals(List.of("echo"), new EchoBackend("").acceptedModels());
        assertEquals("echo", new EchoBackend("phi3.5").model());
    }

    @Test
    void echoRepliesExactlyAndStreamsTheSameText() {
        EchoBackend echo = new EchoBackend("phi3.5");
        Prompt p = new Prompt("echo", List.of(new ChatMessage("system", "ignored words"), new ChatMessage("user", " two  words ")), null, null, true);
        List<String> pieces = new ArrayList<>();
        Completion c = echo.generate(p, pieces::add, new CancelSignal());
        assertEquals("echo:  two  words ", c.text());
        assertEquals(c.text(), String.join("", pieces));
        assertEquals(4, c.promptTokens());
        assertEquals("stop", c.finishReason());
        CancelSignal cancelled = new CancelSignal();
        cancelled.cancel(CancelSignal.Reason.CALLER_GONE);
        assertThrows(CallCancelledException.class, () -> echo.generate(p, null, cancelled));
        assertTrue(echo.status().detail().startsWith("ECHO BACKEND"));
    }
}
