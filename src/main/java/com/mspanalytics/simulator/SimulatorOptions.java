package com.mspanalytics.simulator;

import com.mspanalytics.simulator.http.ApiVariants;
import com.mspanalytics.simulator.http.FaultOptions;
import com.mspanalytics.simulator.world.WorldSize;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * How to start the simulators.
 *
 * @param seed     world seed
 * @param size     world size
 * @param endDate  the world's end date (data before it; the clock starts at its midnight UTC)
 * @param basePort 0 for ephemeral ports, else connectwise, smileback, sentinelone, defender, anthropic, slack
 *                 listen on basePort, basePort+1, … basePort+5
 * @param faults   initial faults by connector name (missing: none); all switchable later
 * @param horizon  how far past the end date the clock may be advanced
 * @param variants choices for unverified API details
 */
public record SimulatorOptions(long seed, WorldSize size, LocalDate endDate, int basePort,
                               Map<String, FaultOptions> faults, Duration horizon, ApiVariants variants) {

    public SimulatorOptions {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(endDate, "endDate");
        faults = Map.copyOf(faults);
        Objects.requireNonNull(variants, "variants");
    }

    public static SimulatorOptions of(long seed, WorldSize size, LocalDate endDate) {
        return new SimulatorOptions(seed, size, endDate, 0, Map.of(), Duration.ofDays(30), ApiVariants.defaults());
    }

    public SimulatorOptions withBasePort(int port) {
        return new SimulatorOptions(seed, size, endDate, port, faults, horizon, variants);
    }

    public SimulatorOptions withFaults(Map<String, FaultOptions> initialFaults) {
        return new SimulatorOptions(seed, size, endDate, basePort, initialFaults, horizon, variants);
    }

    public SimulatorOptions withVariants(ApiVariants apiVariants) {
        return new SimulatorOptions(seed, size, endDate, basePort, faults, horizon, apiVariants);
    }
}
