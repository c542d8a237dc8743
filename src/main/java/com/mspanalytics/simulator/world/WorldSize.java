package com.mspanalytics.simulator.world;

/**
 * How much history the world has and how busy the MSP is. Weekly ticket volume is spread over the
 * clients by their base rates; {@code capRecurrence} keeps small worlds free of accidental recurring
 * categories so that count-threshold KPIs (01, 02, 06) only see the planted ones; {@code staffed} says the 15 techs
 * can work the volume, so that work is assigned within their capacity (see {@link TicketGenerator}).
 */
public enum WorldSize {
    /** Tests: ~800 tickets over 42 weeks. */
    TINY(42, 18, true, true),
    /**
     * Demo: ~18,000 tickets over 56 weeks, what the 15 techs can work: ~70 % billable utilization on average,
     * with room for the latest week's planted spike.
     */
    SMALL(56, 320, false, true),
    /** Benchmarks: ~1M tickets (~3M time entries) over five years, ~10× what 15 techs could work (assigned by skill). */
    LARGE(260, 3850, false, false),
    /** The sync benchmark: LARGE's volume over 60 weeks, ~230,000 tickets and ~690,000 time entries. */
    BENCHMARK(60, 3850, false, false);

    private final int weeks;
    private final double ticketsPerWeek;
    private final boolean capRecurrence;
    private final boolean staffed;

    WorldSize(int weeks, double ticketsPerWeek, boolean capRecurrence, boolean staffed) {
        this.weeks = weeks;
        this.ticketsPerWeek = ticketsPerWeek;
        this.capRecurrence = capRecurrence;
        this.staffed = staffed;
    }

    public int weeks() { return weeks; }

    public double ticketsPerWeek() { return ticketsPerWeek; }

    boolean capRecurrence() { return capRecurrence; }

    boolean staffed() { return staffed; }

    public static WorldSize parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
