package com.mspanalytics.simulator.world;

import java.time.Instant;

/** Time a tech logged against a service ticket. */
public record TimeEntry(long id, long ticketId, Client client, Tech member, WorkType workType, String workRole,
                        BillableOption billableOption, Agreement agreement, Instant timeStart, Instant timeEnd,
                        double actualHours, String notes) {}
