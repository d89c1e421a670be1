package dev.mowai.runner.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void retryAfterSecondsRoundUpAndAreAtLeastOne() {
        assertEquals(1, Durations.seconds(Duration.ZERO));
        assertEquals(1, Durations.seconds(Duration.ofNanos(1)));
        assertEquals(1, Durations.seconds(Duration.ofSeconds(1)));
        assertEquals(2, Durations.seconds(Duration.ofMillis(1001)));
        assertEquals(1200, Durations.seconds(Duration.ofSeconds(1200)));
    }

    @Test
    void durationsReadLikeTheConfiguration() {
        assertEquals("1m", Durations.text(Duration.ofMinutes(1)));
        assertEquals("90s", Durations.text(Duration.ofSeconds(90)));
        assertEquals("2h", Durations.text(Duration.ofHours(2)));
        assertEquals("1500ms", Durations.text(Duration.ofMillis(1500)));
        assertEquals("0s", Durations.text(Duration.ZERO));
    }
}
