package com.mspanalytics.simulator.world;

import java.util.List;

/** A ticket with everything generated alongside it; {@code review} may be null. */
public record TicketBundle(Ticket ticket, List<TimeEntry> timeEntries, Review review) {}
