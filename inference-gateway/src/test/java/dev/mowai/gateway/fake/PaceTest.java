package dev.mowai.gateway.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/**
 * The paced fake's model (Pace: prefill and tokens per second; Slots: parallel slots and the FIFO queue)
 * on a virtual clock: a small event loop plays requests through both exactly as the fake does (a slot
 * taken at arrival or when released, the plan computed from that moment, the slot released at the
 * plan's end or when the client hangs up), and the expected times are worked out by hand.
 */
class PaceTest {

    private static final long MS = 1_000_000;

    /** 4 slots, prefill 500 tokens/s, 40 tokens/s, 60-token replies: Pace.DEFAULT. */
    private final Pace pace = Pace.DEFAULT;

    @Test
    void oneRequestReadsItsPromptThenGeneratesAtTheTokenRate() {
        Pace.Plan plan = pace.plan(1_000 * MS, 250, 60);
        assertEquals(1_500 * MS, plan.prefilledAt(), "250 tokens at 500/s: 500 ms");
        assertEquals(25 * MS, plan.tokenNanos(), "40 tokens/s");
        assertEquals(1_525 * MS, plan.tokenAt(0));
        assertEquals(3_000 * MS, plan.endsAt(), "then 60 tokens at 40/s: 1.5 s");
    }

    @Test
    void promptTokensAreAQuarterOfTheCharactersRoundedUp() {
        assertEquals(0, Pace.promptTokens(0));
        assertEquals(1, Pace.promptTokens(1));
        assertEquals(1, Pace.promptTokens(4));
        assertEquals(2, Pace.promptTokens(5));
    }

    @Test
    void numPredictShortensTheReplyButNeverLengthensIt() {
        assertEquals(60, pace.replyTokens(0));
        assertEquals(16, pace.replyTokens(16));
        assertEquals(60, pace.replyTokens(2048));
    }

    @Test
    void requestsBeyondTheSlotsQueueInArrivalOrder() {
        // six equal requests at t=0: 1 s of prefill (500 tokens) + 1.5 s of generation = 2.5 s each
        List<Request> rs = new ArrayList<>();
        for (int i = 0; i < 6; i++) rs.add(new Request("r" + i, 0, 500, 60, Long.MAX_VALUE));
        Map<String, Long> done = simulate(pace, rs);
        for (int i = 0; i < 4; i++) assertEquals(2_500 * MS, done.get("r" + i), "slot " + i + " serves at once");
        assertEquals(5_000 * MS, done.get("r4"), "the fifth waits for the first slot to free");
        assertEquals(5_000 * MS, done.get("r5"));
    }

    @Test
    void aQueuedRequestTakesTheFirstSlotToFreeNotTheFirstTaken() {
        Pace one = new Pace(2, 1000, 10, 10); // 1 s of generation for 10 tokens
        Map<String, Long> done = simulate(one, List.of(
                new Request("long", 0, 2000, 10, Long.MAX_VALUE), // 2 s prefill + 1 s
                new Request("short", 0, 0, 5, Long.MAX_VALUE), // 0.5 s
                new Request("late", 100 * MS, 0, 10, Long.MAX_VALUE)));
        assertEquals(3_000 * MS, done.get("long"));
        assertEquals(500 * MS, done.get("short"));
        assertEquals(1_500 * MS, done.get("late"), "starts at 0.5 s when the short one ends, 1 s of generation");
    }

    @Test
    void aClientThatHangsUpFreesItsSlotAtOnce() {
        Pace one = new Pace(1, 1000, 10, 10);
        Map<String, Long> done = simulate(one, List.of(
                new Request("abandoned", 0, 0, 10, 300 * MS),
                new Request("next", 0, 0, 10, Long.MAX_VALUE)));
        assertEquals(300 * MS, done.get("abandoned"));
        assertEquals(1_300 * MS, done.get("next"), "gets the slot at the hang-up, not at the end of the abandoned reply");
    }

    @Test
    void aClientThatHangsUpWhileQueuedLeavesTheQueue() {
        Pace one = new Pace(1, 1000, 10, 10);
        Map<String, Long> done = simulate(one, List.of(
                new Request("first", 0, 0, 10, Long.MAX_VALUE),
                new Request("gaveUp", 0, 0, 10, 500 * MS),
                new Request("third", 0, 0, 10, Long.MAX_VALUE)));
        assertEquals(1_000 * MS, done.get("first"));
        assertEquals(500 * MS, done.get("gaveUp"));
        assertEquals(2_000 * MS, done.get("third"), "served right after the first: the one that gave up takes no turn");
    }

    @Test
    void slotsCountWhoIsServedAndWhoWaits() {
        Slots<String> s = new Slots<>(2);
        assertTrue(s.arrive("a"));
        assertTrue(s.arrive("b"));
        assertFalse(s.arrive("c"));
        assertFalse(s.arrive("d"));
        assertEquals(2, s.serving());
        assertEquals(2, s.waiting());
        assertEquals(Optional.of("c"), s.release("b"));
        assertTrue(s.withdraw("d"));
        assertFalse(s.withdraw("a"), "a is served, not waiting");
        assertEquals(Optional.empty(), s.release("a"));
        assertEquals(1, s.serving());
        assertEquals(0, s.waiting());
        assertEquals(2, s.maxWaiting());
        assertThrows(IllegalStateException.class, () -> s.release("a"), "a holds no slot any more");
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertEquals("slots: must be at least 1 (got 0)",
                assertThrows(IllegalArgumentException.class, () -> new Pace(0, 500, 40, 60)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Pace(4, 0, 40, 60)).getMessage().startsWith("prefill"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Pace(4, 500, Double.NaN, 60)).getMessage()
                .startsWith("tokens per second"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Pace(4, 500, 40, 0)).getMessage().startsWith("reply tokens"));
    }

    @Test
    void aPacedReplyStatesAPositionAndHasTheAskedLength() {
        String[] words = FakeOllama.pacedReply("persona", "Task: pick one", 40);
        assertEquals(40, words.length);
        assertTrue(String.join("", words).matches("(?s)POSITION: option [ABC]\\.\\nThis holds because .*"), String.join("", words));
        assertEquals(3, FakeOllama.pacedReply("persona", "x", 3).length);
    }

    @Test
    void aPacedReplyTakesThePositionThePromptMentionsMost() {
        String digest = "Others said: POSITION: option B. … POSITION: option C. … POSITION: option B.";
        for (String persona : List.of("contrarian", "pragmatist", "synthesiser")) {
            assertTrue(String.join("", FakeOllama.pacedReply(persona, digest, 10)).startsWith("POSITION: option B."), persona);
        }
        String alone = String.join("", FakeOllama.pacedReply("contrarian", "no options here", 10));
        assertEquals(alone, String.join("", FakeOllama.pacedReply("contrarian", "another prompt", 10)),
                "without a digest the persona decides, the same in every round");
    }

    /** A chat request: when it arrives, its prompt and reply in tokens, and when its client hangs up (MAX: never). */
    private record Request(String id, long arrives, int promptTokens, int tokens, long hangsUp) {
    }

    /** An arrival, or an end (reply done or client gone), on the virtual clock; equal times in the order made. */
    private record Event(long at, int order, Request r, boolean arrival) {
    }

    /** Plays the requests through Slots and Pace on a virtual clock; the time each one ended (done or hung up). */
    private static Map<String, Long> simulate(Pace pace, List<Request> requests) {
        Slots<Request> slots = new Slots<>(pace.slots());
        PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.at() != b.at() ? Long.compare(a.at(), b.at())
                : Integer.compare(a.order(), b.order()));
        Map<String, Long> ends = new HashMap<>();
        int order = 0;
        for (Request r : requests) {
            events.add(new Event(r.arrives(), order++, r, true));
            if (r.hangsUp() != Long.MAX_VALUE) events.add(new Event(r.hangsUp(), order++, r, false));
        }
        while (!events.isEmpty()) {
            Event e = events.poll();
            Request r = e.r();
            if (ends.containsKey(r.id())) continue; // its other event (the end, or the hang-up) came first
            if (e.arrival()) {
                if (slots.arrive(r)) start(pace, r, e.at(), events, order++);
                continue;
            }
            ends.put(r.id(), e.at());
            if (!slots.withdraw(r)) {
                Optional<Request> next = slots.release(r);
                if (next.isPresent()) start(pace, next.get(), e.at(), events, order++);
            }
        }
        return ends;
    }

    /** A request got its slot at {@code now}: its end is an event like a hang-up. */
    private static void start(Pace pace, Request r, long now, PriorityQueue<Event> events, int order) {
        events.add(new Event(pace.plan(now, r.promptTokens(), r.tokens()).endsAt(), order, r, false));
    }
}
