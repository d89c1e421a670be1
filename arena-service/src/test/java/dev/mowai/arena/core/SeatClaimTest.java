package dev.mowai.arena.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.arena.protocol.MessageType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Who gets an agent id: seed clients first-come, runner-hosted agents by their credential (issue 15). */
class SeatClaimTest {

    static final long T0 = 1_700_000_000_000L;
    static final String KEY = "a-key-only-the-runner-knows";
    static final RelayConfig CONFIG = new RelayConfig(10, 60_000, 30_000, 90_000, 30_000, 20, 40, 5, "0.1.0");

    Relay relay = new Relay(CONFIG, ConnectProof.of(Optional.of(KEY)));
    RelayState state = RelayState.empty();
    final String runnerAgent = UUID.randomUUID().toString();

    /** Written here from the documented recipe, not with the class under test. */
    static String credential(String key, String agentId, long ts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] sig = mac.doFinal(("mowai-arena-connect|" + agentId + "|" + ts).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    }

    static String connect(String id, long ts, String credential) {
        return "{\"type\":\"AGENT_CONNECT\",\"agentId\":\"" + id + "\",\"seq\":1,\"ts\":" + ts
                + ",\"payload\":{\"name\":\"n\",\"color\":\"red\",\"persona\":\"p\",\"version\":\"1\""
                + (credential == null ? "" : ",\"credential\":\"" + credential + "\"") + "}}";
    }

    List<Effect> open(String conn, String id, String credential, long now) {
        state = relay.step(state, new RelayInput.Opened(conn, now)).state();
        Transition t = relay.step(state, new RelayInput.Received(conn, connect(id, now, credential), now));
        state = t.state();
        return t.effects();
    }

    boolean joined(String conn) {
        return state.sessions().get(conn) instanceof Session.Joined;
    }

    @Test
    void anIdNobodyClaimedStaysFirstComeForSeedClients() {
        open("seed", runnerAgent, null, T0);
        assertTrue(joined("seed"));
        List<Effect> fx = open("second", runnerAgent, null, T0);
        assertFalse(joined("second"));
        assertTrue(RelayTest.reason(fx).contains("is already connected"), RelayTest.reason(fx));
    }

    @Test
    void aProvenJoinClaimsTheIdAndTheClaimIsRememberedOnce() throws Exception {
        List<Effect> fx = open("runner", runnerAgent, credential(KEY, runnerAgent, T0), T0);
        assertTrue(joined("runner"));
        assertEquals(List.of(new Effect.Claimed(runnerAgent)), RelayTest.of(fx, Effect.Claimed.class));
        assertEquals(Set.of(runnerAgent), state.claimed());
        relay.step(state, new RelayInput.Closed("runner", T0 + 1));
        state = relay.step(state, new RelayInput.Closed("runner", T0 + 1)).state();
        fx = open("runner-again", runnerAgent, credential(KEY, runnerAgent, T0 + 2), T0 + 2);
        assertTrue(joined("runner-again"));
        assertTrue(RelayTest.of(fx, Effect.Claimed.class).isEmpty(), "already claimed");
    }

    @Test
    void aClaimedIdIsRefusedToAConnectionWithoutItsCredential() throws Exception {
        open("runner", runnerAgent, credential(KEY, runnerAgent, T0), T0);
        state = relay.step(state, new RelayInput.Closed("runner", T0 + 1)).state();
        List<Effect> fx = open("squatter", runnerAgent, null, T0 + 2);
        assertFalse(joined("squatter"));
        assertTrue(RelayTest.reason(fx).contains("belongs to a runner's agent: payload.credential needed"), RelayTest.reason(fx));
        assertTrue(RelayTest.reason(fx).getBytes(StandardCharsets.UTF_8).length <= 123, "fits a close reason");
        assertTrue(RelayTest.of(fx, Effect.Publish.class).isEmpty(), "the squatter never shows in the roster");
        assertEquals(List.of("AGENT_CONNECT"), RelayTest.of(fx, Effect.Observed.class).stream()
                .filter(o -> o.kind() == Effect.Observation.REJECTED).map(Effect.Observed::label).toList());
    }

    @Test
    void claimsRestoredAfterARestartRefuseSquattersToo() {
        state = RelayState.restored(7, List.of(), Set.of(runnerAgent));
        List<Effect> fx = open("squatter", runnerAgent, null, T0);
        assertFalse(joined("squatter"));
        assertTrue(RelayTest.reason(fx).contains("belongs to a runner's agent: payload.credential needed"));
    }

    @Test
    void theProvenOwnerTakesItsIdFromASquatter() throws Exception {
        open("squatter", runnerAgent, null, T0);
        assertTrue(joined("squatter"));
        List<Effect> fx = open("runner", runnerAgent, credential(KEY, runnerAgent, T0 + 5), T0 + 5);
        assertTrue(joined("runner"));
        assertFalse(state.sessions().containsKey("squatter"));
        Effect.Close close = RelayTest.of(fx, Effect.Close.class).getFirst();
        assertEquals("squatter", close.conn());
        assertEquals(CloseCodes.POLICY, close.code());
        List<MessageType> published = RelayTest.of(fx, Effect.Publish.class).stream().map(p -> p.event().type()).toList();
        assertEquals(List.of(MessageType.AGENT_DISCONNECT, MessageType.AGENT_CONNECT), published,
                "the roster loses the squatter before the owner joins");
        assertEquals(1, state.agents().size());
    }

    @Test
    void aProvenHolderIsNotReplacedEvenByAnotherProof() throws Exception {
        open("runner", runnerAgent, credential(KEY, runnerAgent, T0), T0);
        List<Effect> fx = open("replay", runnerAgent, credential(KEY, runnerAgent, T0 + 1), T0 + 1);
        assertTrue(joined("runner"));
        assertFalse(joined("replay"));
        assertTrue(RelayTest.reason(fx).contains("is already connected"));
    }

    @Test
    void aWrongCredentialIsRefusedAndSaysWhichField() throws Exception {
        for (String bad : List.of(credential("another-key-of-16+chars", runnerAgent, T0),
                credential(KEY, UUID.randomUUID().toString(), T0), credential(KEY, runnerAgent, T0 - 1), "%%%not-base64")) {
            List<Effect> fx = open("c-" + bad.hashCode(), runnerAgent, bad, T0);
            assertTrue(RelayTest.reason(fx).startsWith("AGENT_CONNECT: payload.credential: does not prove agentId"),
                    RelayTest.reason(fx));
            assertTrue(RelayTest.reason(fx).getBytes(StandardCharsets.UTF_8).length <= 123, "fits a close reason");
        }
        assertTrue(state.agents().isEmpty());
        assertTrue(state.claimed().isEmpty());
    }

    @Test
    void anArenaWithoutAKeyTreatsCredentialsAsAbsent() throws Exception {
        relay = new Relay(CONFIG);
        List<Effect> fx = open("runner", runnerAgent, credential(KEY, runnerAgent, T0), T0);
        assertTrue(joined("runner"));
        assertTrue(RelayTest.of(fx, Effect.Claimed.class).isEmpty());
        assertTrue(state.claimed().isEmpty());
    }

    @Test
    void theCredentialFieldIsOptionalAStringAndBounded() {
        String id = UUID.randomUUID().toString();
        assertEquals(Optional.empty(), connectOf(connect(id, T0, null)).credential());
        assertEquals(Optional.of("abc"), connectOf(connect(id, T0, "abc")).credential());
        assertEquals("AGENT_CONNECT: payload.credential: 129 characters exceeds the limit of 128",
                ((dev.mowai.arena.protocol.Parsed.Rejected) dev.mowai.arena.protocol.ProtocolParser.parse(
                        connect(id, T0, "x".repeat(129)))).reason());
        String numeric = connect(id, T0, null).replace("\"version\":\"1\"", "\"version\":\"1\",\"credential\":7");
        assertEquals("AGENT_CONNECT: payload.credential: missing or not a string",
                ((dev.mowai.arena.protocol.Parsed.Rejected) dev.mowai.arena.protocol.ProtocolParser.parse(numeric)).reason());
    }

    static dev.mowai.arena.protocol.Inbound.Connect connectOf(String frame) {
        var ok = (dev.mowai.arena.protocol.Parsed.Ok) dev.mowai.arena.protocol.ProtocolParser.parse(frame);
        return (dev.mowai.arena.protocol.Inbound.Connect) ok.message();
    }

    @Test
    void keysShorterThanSixteenCharactersAreRefusedAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConnectProof.of(Optional.of("short")));
        assertTrue(e.getMessage().startsWith("mowai.agent-key: at least 16 characters"), e.getMessage());
        assertFalse(ConnectProof.of(Optional.of("  ")).configured());
        assertFalse(ConnectProof.of(Optional.empty()).configured());
    }

    @Test
    void aCredentialProvesOnlyItsAgentAndTs() throws Exception {
        ConnectProof proof = ConnectProof.of(Optional.of(KEY));
        assertTrue(proof.proves(runnerAgent, T0, credential(KEY, runnerAgent, T0)));
        assertFalse(proof.proves(runnerAgent, T0 + 1, credential(KEY, runnerAgent, T0)));
        assertFalse(proof.proves(runnerAgent, T0 + 0.5, credential(KEY, runnerAgent, T0)));
        assertFalse(proof.proves(runnerAgent, T0, null));
        assertFalse(ConnectProof.none().proves(runnerAgent, T0, credential(KEY, runnerAgent, T0)));
    }
}
