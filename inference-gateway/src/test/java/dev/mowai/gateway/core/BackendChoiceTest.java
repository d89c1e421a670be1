package dev.mowai.gateway.core;

import static dev.mowai.gateway.core.BackendChoice.Kind.ECHO;
import static dev.mowai.gateway.core.BackendChoice.Kind.EMBEDDED;
import static dev.mowai.gateway.core.BackendChoice.Kind.OLLAMA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackendChoiceTest {

    @Test
    void autoPrefersOllamaThenEmbeddedThenEcho() {
        assertEquals(OLLAMA, BackendChoice.choose("auto", true, true));
        assertEquals(OLLAMA, BackendChoice.choose("auto", true, false));
        assertEquals(EMBEDDED, BackendChoice.choose("auto", false, true));
        assertEquals(ECHO, BackendChoice.choose("auto", false, false));
    }

    @Test
    void explicitChoicesAreObeyedEvenWhenOllamaIsDown() {
        assertEquals(OLLAMA, BackendChoice.choose("ollama", false, true));
        assertEquals(ECHO, BackendChoice.choose("ECHO", true, true));
        assertEquals(EMBEDDED, BackendChoice.choose("embedded", true, true));
    }

    @Test
    void embeddedWithoutAModelFileAndUnknownBackendsAreConfigErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackendChoice.choose("embedded", true, false));
        assertTrue(e.getMessage().contains("mowai.llm.model-file"));
        assertThrows(IllegalArgumentException.class, () -> BackendChoice.choose("gpt", true, true));
    }
}
