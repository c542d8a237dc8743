package com.mspanalytics.simulator.world;

import java.time.Instant;

/**
 * A service ticket with its whole planned life: what an API shows at a given instant follows from these
 * times (closed once {@code closedAt} has passed).
 */
public record Ticket(long id, String summary, Client client, Contact contact, Category category, Priority priority,
                     Tech owner, Agreement agreement, String source, Instant dateEntered, Instant respondedAt,
                     Instant closedAt) {

    public boolean isClosedAt(Instant now) { return !closedAt.isAfter(now); }

    public double resolutionHours() {
        return (closedAt.toEpochMilli() - dateEntered.toEpochMilli()) / 3_600_000.0;
    }

    public Board board() { return category.board(); }
}
