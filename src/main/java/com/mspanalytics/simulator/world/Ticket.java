package com.mspanalytics.simulator.world;

import java.time.Instant;

/**
 * A service ticket with its whole planned life: what an API shows at a given instant follows from these
 * times (closed once {@code closedAt} has passed). {@code reopen}, when not null, is an earlier close that the
 * customer sent back: closed at {@code reopen.closedAt()}, reopened at {@code reopen.reopenedAt()}, and closed for
 * good at {@code closedAt}.
 */
public record Ticket(long id, String summary, Client client, Contact contact, Category category, Priority priority,
                     Tech owner, Agreement agreement, String source, Instant dateEntered, Instant respondedAt,
                     Instant closedAt, Reopen reopen) {

    /** A close that did not hold: {@code closedAt} &lt; {@code reopenedAt} &lt; the ticket's final close. */
    public record Reopen(Instant closedAt, Instant reopenedAt) {}

    /** Closed for good (the final close has passed). */
    public boolean isClosedAt(Instant now) { return !closedAt.isAfter(now); }

    /** When the ticket's current close happened as of {@code now}: the final one, the one later reopened, or null (open). */
    public Instant closedDateAt(Instant now) {
        if (isClosedAt(now)) return closedAt;
        if (reopen != null && !reopen.closedAt().isAfter(now) && reopen.reopenedAt().isAfter(now)) return reopen.closedAt();
        return null;
    }

    /** Reopened by {@code now}. */
    public boolean reopenedBy(Instant now) {
        return reopen != null && !reopen.reopenedAt().isAfter(now);
    }

    public double resolutionHours() {
        return (closedAt.toEpochMilli() - dateEntered.toEpochMilli()) / 3_600_000.0;
    }

    public Board board() { return category.board(); }
}
