package dev.mowai.arena.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mowai.arena.rest.AdminGate.Request;
import dev.mowai.arena.rest.AdminGate.Verdict;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminGateTest {

    final AdminGate gate = new AdminGate(Optional.of("s3cret"));

    @Test
    void readsPassWithoutASecret() {
        for (String m : new String[] {"GET", "HEAD", "OPTIONS"}) {
            assertEquals(new Verdict.Pass(), gate.check(new Request(m, null, "999999999")));
            assertEquals(new Verdict.Pass(), new AdminGate(Optional.empty()).check(new Request(m, null, null)));
        }
    }

    @Test
    void everyWriteIsClosedWithoutAConfiguredSecret() {
        for (Optional<String> unset : java.util.List.of(Optional.<String>empty(), Optional.of(""))) {
            Verdict v = new AdminGate(unset).check(new Request("POST", "", "10"));
            assertEquals(403, ((Verdict.Refuse) v).status());
        }
    }

    @Test
    void theSecretIsCheckedBeforeTheLength() {
        assertEquals(new Verdict.Refuse(401, "missing X-Admin-Secret header"), gate.check(new Request("POST", null, "9437184")));
        assertEquals(new Verdict.Refuse(401, "wrong X-Admin-Secret"), gate.check(new Request("PUT", "s3cre", "9437184")));
        assertEquals(new Verdict.Refuse(401, "wrong X-Admin-Secret"), gate.check(new Request("DELETE", "S3CRET", null)));
    }

    @Test
    void declaredLengthsAreBounded() {
        assertEquals(new Verdict.Pass(), gate.check(new Request("POST", "s3cret", "4096")));
        assertEquals(new Verdict.Pass(), gate.check(new Request("POST", "s3cret", " 0 ")));
        assertEquals(new Verdict.Refuse(413, "body: 4097 bytes exceeds the limit of 4096 bytes"),
                gate.check(new Request("POST", "s3cret", "4097")));
        assertEquals(400, ((Verdict.Refuse) gate.check(new Request("POST", "s3cret", "-1"))).status());
        assertEquals(400, ((Verdict.Refuse) gate.check(new Request("POST", "s3cret", "12x"))).status());
        assertEquals(400, ((Verdict.Refuse) gate.check(new Request("POST", "s3cret", "99999999999999999999"))).status());
    }

    @Test
    void chunkedBodiesPassTheHeadersAndAreCutWhileRead() {
        assertEquals(new Verdict.Pass(), gate.check(new Request("POST", "s3cret", null)));
    }
}
