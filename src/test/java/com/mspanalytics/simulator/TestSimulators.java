package com.mspanalytics.simulator;

import com.mspanalytics.simulator.world.WorldSize;
import java.time.LocalDate;

/** One tiny world served for the read-only simulator tests of this JVM; tests that change state start their own. */
public final class TestSimulators {

    public static final LocalDate END = LocalDate.of(2026, 11, 27);
    public static final long SEED = 42;
    public static final Simulators SHARED = start();

    private TestSimulators() {}

    public static Simulators start() {
        return Simulators.start(SimulatorOptions.of(SEED, WorldSize.TINY, END));
    }
}
