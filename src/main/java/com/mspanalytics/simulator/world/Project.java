package com.mspanalytics.simulator.world;

import java.time.LocalDate;
import java.util.List;

/** A client project; {@code actualEnd} null means still open. {@code domain} is the ticket domain it targets. */
public record Project(int id, int companyId, String name, String domain, Tech manager, LocalDate actualStart,
                      LocalDate actualEnd, double budgetHours) {

    /** The phases every project runs through, each one project ticket. */
    static final List<String> PHASES = List.of("Planning", "Implementation", "Handover");

    /**
     * Project tickets are numbered in ConnectWise's one ticket sequence; the world gives them a range of their own
     * above any service ticket, so that no two tickets of either kind share an id.
     */
    static final long FIRST_PROJECT_TICKET_ID = 50_000_000;

    public boolean closed() { return actualEnd != null; }

    /** One project ticket per phase, splitting the project's span (60 days while it is open) evenly. */
    public List<Phase> phases() {
        LocalDate end = actualEnd != null ? actualEnd : actualStart.plusDays(60);
        long days = Math.max(PHASES.size(), end.toEpochDay() - actualStart.toEpochDay());
        return java.util.stream.IntStream.range(0, PHASES.size()).mapToObj(k -> new Phase(
                FIRST_PROJECT_TICKET_ID + id * 10L + k, PHASES.get(k),
                actualStart.plusDays(days * k / PHASES.size()),
                actualStart.plusDays(days * (k + 1) / PHASES.size()))).toList();
    }

    /** A project ticket: a phase of the project, worked from {@code start} and done on {@code end}. */
    public record Phase(long ticketId, String name, LocalDate start, LocalDate end) {}
}
