package com.mspanalytics.simulator.world;

import java.util.Map;

/**
 * A ConnectWise member. {@code speed} multiplies resolution and worked time (1 = team norm),
 * {@code domainSpeed} overrides it per domain, {@code quality} is the chance a rated review is positive,
 * {@code fcrChance} the chance a ticket is fixed in one touch, {@code skills} weight ticket assignment per domain.
 */
public record Tech(int id, String identifier, String firstName, String lastName, String title, String workRole,
                   double speed, Map<String, Double> domainSpeed, double quality, double fcrChance,
                   double dailyCapacity, Map<String, Double> skills) {

    public String name() { return firstName + " " + lastName; }

    double speedIn(String domain) { return domainSpeed.getOrDefault(domain, speed); }

    double skillIn(String domain) { return skills.getOrDefault(domain, 0.0); }
}
