package com.mspanalytics.simulator.world;

import java.time.Instant;
import java.util.List;

/** What moving the clock from {@code from} to {@code to} did to the tickets a simulator serves. */
public record WorldChange(Instant from, Instant to, List<Long> createdTicketIds, List<Long> updatedTicketIds,
                          List<Long> deletedTicketIds) {}
