package com.mspanalytics.simulator.world;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.Objects;

/**
 * What to generate. The world holds data for the days before {@code endDate} (exclusive), so a KPI
 * computed with {@code asOf = endDate} sees complete days only. The generator never reads the wall clock.
 */
public record WorldSpec(long seed, WorldSize size, LocalDate endDate) {

    public WorldSpec {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(endDate, "endDate");
    }

    public LocalDate startDate() {
        return endDate.minusWeeks(size.weeks());
    }

    /** The instant the world is observed at: midnight UTC at the start of {@code endDate}. */
    public Instant endInstant() {
        return endDate.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
