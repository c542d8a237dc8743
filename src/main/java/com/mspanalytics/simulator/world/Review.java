package com.mspanalytics.simulator.world;

import java.time.Instant;

/**
 * A SmileBack CSAT review of a closed ticket. {@code rating} is 1, 0, -1, or null when the contact never rated.
 */
public record Review(long id, Ticket ticket, Integer rating, String comment, Instant sentAt, Instant ratedAt) {}
