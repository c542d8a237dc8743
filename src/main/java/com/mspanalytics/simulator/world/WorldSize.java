package com.mspanalytics.simulator.world;

/**
 * How much history the world has and how busy the MSP is. Weekly ticket volume is spread over the
 * clients by their base rates; {@code capRecurrence} keeps small worlds free of accidental recurring
 * categories so that count-threshold KPIs (01, 02, 06) only see the planted ones.
 */
public enum WorldSize {
    /** Tests: ~800 tickets over 42 weeks. */
    TINY(42, 18, true),
    /** Demo: ~20,000 tickets over 56 weeks. */
    SMALL(56, 360, false),
    /** Benchmarks: ~1M tickets (~3M time entries) over five years. */
    LARGE(260, 3850, false),
    /** The sync benchmark: LARGE's volume over 60 weeks, ~230,000 tickets and ~690,000 time entries. */
    BENCHMARK(60, 3850, false);

    private final int weeks;
    private final double ticketsPerWeek;
    private final boolean capRecurrence;

    WorldSize(int weeks, double ticketsPerWeek, boolean capRecurrence) {
        this.weeks = weeks;
        this.ticketsPerWeek = ticketsPerWeek;
        this.capRecurrence = capRecurrence;
    }

    public int weeks() { return weeks; }

    public double ticketsPerWeek() { return ticketsPerWeek; }

    boolean capRecurrence() { return capRecurrence; }

    public static WorldSize parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
