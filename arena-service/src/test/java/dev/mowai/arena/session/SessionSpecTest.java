package dev.mowai.arena.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionSpecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SessionSpec.Parsed parse(String body) throws Exception {
        return SessionSpec.parse(JSON.readTree(body));
    }

    @Test
    void defaultsAndAFullSpec() throws Exception {
        assertEquals(new SessionSpec.Parsed.Ok(new SessionSpec("x", 3, true, null, 120)), parse("{\"task\":\"x\"}"));
        assertEquals(new SessionSpec.Parsed.Ok(new SessionSpec("x", 5, false, "Ada", 10)),
                parse("{\"task\":\"x\",\"rounds\":5,\"reactions\":false,\"synthesiser\":\" Ada \",\"roundTimeoutSeconds\":10}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1]|body: expected a JSON object",
        "{}|task: missing or not a string",
        "{\"task\":3}|task: missing or not a string",
        "{\"task\":\" \"}|task: must not be blank",
        "{\"task\":\"x\",\"rounds\":0}|rounds: must be an integer from 1 to 5",
        "{\"task\":\"x\",\"rounds\":6}|rounds: must be an integer from 1 to 5",
        "{\"task\":\"x\",\"rounds\":2.5}|rounds: must be an integer from 1 to 5",
        "{\"task\":\"x\",\"reactions\":\"no\"}|reactions: must be true or false",
        "{\"task\":\"x\",\"synthesiser\":5}|synthesiser: must be an agentId",
        "{\"task\":\"x\",\"roundTimeoutSeconds\":9}|roundTimeoutSeconds: must be an integer from 10 to 600",
        "{\"task\":\"x\",\"roundTimeoutSeconds\":601}|roundTimeoutSeconds: must be an integer from 10 to 600",
        "{\"task\":\"x\",\"round\":2}|round: unknown field",
    })
    void problemsNameTheFieldAndTheLimit(String body, String error) throws Exception {
        SessionSpec.Parsed p = parse(body);
        String got = ((SessionSpec.Parsed.Problem) p).error();
        assertEquals(true, got.startsWith(error), got);
    }

    @Test
    void longTaskAndSynthesiser() throws Exception {
        assertEquals("task: 513 characters exceeds the limit of 512",
                ((SessionSpec.Parsed.Problem) parse("{\"task\":\"" + "x".repeat(513) + "\"}")).error());
        assertEquals("synthesiser: 65 characters exceeds the limit of 64", ((SessionSpec.Parsed.Problem)
                parse("{\"task\":\"x\",\"synthesiser\":\"" + "s".repeat(65) + "\"}")).error());
    }
}
