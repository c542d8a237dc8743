package com.mspanalytics.simulator.world;

import java.util.List;

/** A company the MSP serves. {@code weeklyRate} is its mean tickets per week before seasonality. */
public record Client(int id, String identifier, String name, String industry, int employees, String city,
                     double weeklyRate, List<Contact> contacts, List<Agreement> agreements) {

    /** The agreement that covers this work, preferring the main agreement over Time &amp; Materials. */
    public Agreement coveringAgreement(Board board, WorkType workType) {
        return agreements.stream().filter(a -> a.covers(board, workType)).findFirst().orElseThrow();
    }

    public Agreement mainAgreement() { return agreements.get(0); }
}
