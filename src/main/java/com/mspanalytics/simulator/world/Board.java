package com.mspanalytics.simulator.world;

/** Service boards of the simulated MSP. */
public enum Board {
    SERVICE_DESK("Service Desk"), NETWORK("Network"), SOC("SOC"), PROJECTS("Projects");

    private final String displayName;

    Board(String displayName) { this.displayName = displayName; }

    public String displayName() { return displayName; }

    public int id() { return ordinal() + 1; }
}
