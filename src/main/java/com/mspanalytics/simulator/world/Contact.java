package com.mspanalytics.simulator.world;

/** A client user who raises tickets. */
public record Contact(int id, int companyId, String firstName, String lastName, String email) {
    public String name() { return firstName + " " + lastName; }
}
