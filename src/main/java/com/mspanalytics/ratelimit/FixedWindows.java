package com.mspanalytics.ratelimit;

import java.time.Clock;
import java.time.Duration;

/**
 * Clock-aligned windows: every node computes the same window id from its own clock, so nodes agree
 * without talking to each other (to within their clock skew, which NTP keeps far below a second).
 */
final class FixedWindows {

    private final Clock clock;
    private final long lengthMillis;

    FixedWindows(Clock clock, Duration length) {
        this.clock = clock;
        this.lengthMillis = length.toMillis();
    }

    Window current() {
        long now = clock.millis();
        long id = Math.floorDiv(now, lengthMillis);
        long millisLeft = (id + 1) * lengthMillis - now;
        return new Window(id, Math.max(1, (millisLeft + 999) / 1000));
    }

    /** @param resetSeconds seconds until this window ends, rounded up (at least 1) */
    record Window(long id, long resetSeconds) {
    }
}
