package com.mspanalytics.simulator.world;

/** ConnectWise work types used on time entries. */
public enum WorkType {
    REMOTE("Remote"), ONSITE("Onsite"), AFTER_HOURS("After Hours"), PROJECT("Project Work");

    private final String displayName;

    WorkType(String displayName) { this.displayName = displayName; }

    public String displayName() { return displayName; }

    public int id() { return ordinal() + 1; }
}
