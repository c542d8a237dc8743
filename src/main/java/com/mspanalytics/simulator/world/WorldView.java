package com.mspanalytics.simulator.world;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the external services show at one instant: tickets already entered (minus deleted ones), time entries
 * already finished, reviews already sent, security events already raised. {@code version} grows with the clock.
 */
public record WorldView(long version, Instant now, List<TicketBundle> bundles, Map<Long, TicketBundle> byTicketId,
                        List<TimeEntry> timeEntries, List<Review> reviews, List<SecurityEvent> securityEvents) {

    /** When the ticket last changed as of {@code now}: entry, response, time logged, a close that was reopened, or closing. */
    public Instant lastUpdated(TicketBundle bundle) {
        Ticket t = bundle.ticket();
        Instant last = t.dateEntered();
        if (!t.respondedAt().isAfter(now)) last = t.respondedAt();
        for (TimeEntry e : bundle.timeEntries()) if (!e.timeEnd().isAfter(now) && e.timeEnd().isAfter(last)) last = e.timeEnd();
        if (t.reopen() != null) {
            for (Instant change : new Instant[] {t.reopen().closedAt(), t.reopen().reopenedAt()}) {
                if (!change.isAfter(now) && change.isAfter(last)) last = change;
            }
        }
        if (!t.closedAt().isAfter(now)) last = t.closedAt();
        return last;
    }
}
