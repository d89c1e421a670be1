package dev.mowai.runner.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConsoleTicketsTest {

    static final String A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
    static final String B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";

    final ConsoleTickets tickets = new ConsoleTickets(60_000, 3);

    @Test
    void aTicketOpensItsAgentsConsoleOnce() {
        String t = tickets.issue(A, 0);
        assertTrue(t.length() >= 32);
        assertTrue(tickets.redeem(t, A, 1_000));
        assertFalse(tickets.redeem(t, A, 1_000), "single use");
    }

    @Test
    void aTicketIsForOneAgentOnly() {
        String t = tickets.issue(A, 0);
        assertFalse(tickets.redeem(t, B, 0));
        assertTrue(tickets.redeem(t, A, 0), "trying it on another agent does not use it up");
    }

    @Test
    void aTicketExpires() {
        String t = tickets.issue(A, 0);
        assertFalse(tickets.redeem(t, A, 60_000));
        assertFalse(tickets.redeem(null, A, 0));
        assertFalse(tickets.redeem("made-up", A, 0));
    }

    @Test
    void outstandingTicketsAreBoundedOldestFirst() {
        String first = tickets.issue(A, 0);
        String second = tickets.issue(A, 1);
        tickets.issue(A, 2);
        tickets.issue(A, 3);
        assertFalse(tickets.redeem(first, A, 4));
        assertTrue(tickets.redeem(second, A, 4));
        assertNotEquals(tickets.issue(A, 5), tickets.issue(A, 5));
    }
}
