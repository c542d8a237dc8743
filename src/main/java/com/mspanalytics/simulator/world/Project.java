package com.mspanalytics.simulator.world;

import java.time.LocalDate;

/** A client project; {@code actualEnd} null means still open. {@code domain} is the ticket domain it targets. */
public record Project(int id, int companyId, String name, String domain, Tech manager, LocalDate actualStart,
                      LocalDate actualEnd, double budgetHours) {

    public boolean closed() { return actualEnd != null; }
}
