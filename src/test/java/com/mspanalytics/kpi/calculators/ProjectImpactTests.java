package com.mspanalytics.kpi.calculators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The exact conditional binomial test of KPI 10, against tails worked by hand. */
class ProjectImpactTests {

    @Test
    void twoSidedPValueIsTwiceTheSmallerBinomialTail() {
        // 15 before, 6 after: P(X <= 6 | n = 21, p = 0.5) = 82160 / 2^21
        assertThat(ProjectImpact.conditionalBinomialPValue(15, 6, 0.5)).isCloseTo(2 * 82160 / 2097152.0, within(1e-12));
        // symmetric in direction
        assertThat(ProjectImpact.conditionalBinomialPValue(6, 15, 0.5)).isCloseTo(2 * 82160 / 2097152.0, within(1e-12));
        // 2 before, 12 after: P(X >= 12 | n = 14) = 106 / 16384
        assertThat(ProjectImpact.conditionalBinomialPValue(2, 12, 0.5)).isCloseTo(2 * 106 / 16384.0, within(1e-12));
        // unequal windows: 90 days before, 10 after, 10 vs 0: P(X <= 0 | n = 10, p = 0.1) = 0.9^10
        assertThat(ProjectImpact.conditionalBinomialPValue(10, 0, 0.1)).isCloseTo(2 * Math.pow(0.9, 10), within(1e-12));
    }

    @Test
    void noTicketsOrNoChangeGiveOne() {
        assertThat(ProjectImpact.conditionalBinomialPValue(0, 0, 0.5)).isEqualTo(1.0);
        assertThat(ProjectImpact.conditionalBinomialPValue(3, 3, 0.5)).isEqualTo(1.0);
    }

    @Test
    void largeCountsDoNotUnderflow() {
        assertThat(ProjectImpact.conditionalBinomialPValue(4000, 4000, 0.5)).isEqualTo(1.0);
        assertThat(ProjectImpact.conditionalBinomialPValue(4000, 3000, 0.5)).isLessThan(1e-10);
    }
}
