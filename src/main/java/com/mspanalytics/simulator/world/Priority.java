package com.mspanalytics.simulator.world;

/** ConnectWise's default priorities, with the handling times the world draws around. */
public enum Priority {
    P1("Priority 1 - Emergency Response", 0.03, 15, 4),
    P2("Priority 2 - Quick Response", 0.12, 30, 8),
    P3("Priority 3 - Normal Response", 0.65, 90, 16),
    P4("Priority 4 - Schedule Maintenance", 0.20, 240, 24);

    private final String displayName;
    private final double share;
    private final int respondMinutes;
    private final double resolveHours;

    Priority(String displayName, double share, int respondMinutes, double resolveHours) {
        this.displayName = displayName;
        this.share = share;
        this.respondMinutes = respondMinutes;
        this.resolveHours = resolveHours;
    }

    public String displayName() { return displayName; }

    public int id() { return ordinal() + 1; }

    double share() { return share; }

    int respondMinutes() { return respondMinutes; }

    double resolveHours() { return resolveHours; }
}
