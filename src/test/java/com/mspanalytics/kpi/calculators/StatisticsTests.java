package com.mspanalytics.kpi.calculators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The KPIs' distribution tails against values worked by hand from the probability mass functions. */
class StatisticsTests {

    @Test
    void twoSidedPValueIsTwiceTheSmallerBinomialTail() {
        // 15 before, 6 after: P(X <= 6 | n = 21, p = 0.5) = 82160 / 2^21
        assertThat(Statistics.conditionalBinomialPValue(15, 6, 0.5)).isCloseTo(2 * 82160 / 2097152.0, within(1e-12));
        // symmetric in direction
        assertThat(Statistics.conditionalBinomialPValue(6, 15, 0.5)).isCloseTo(2 * 82160 / 2097152.0, within(1e-12));
        // 2 before, 12 after: P(X >= 12 | n = 14) = (C(14,12) + C(14,13) + C(14,14)) / 2^14 = 106 / 16384
        assertThat(Statistics.conditionalBinomialPValue(2, 12, 0.5)).isCloseTo(2 * 106 / 16384.0, within(1e-12));
        // unequal windows: 90 days before, 10 after, 10 vs 0: P(X <= 0 | n = 10, p = 0.1) = 0.9^10
        assertThat(Statistics.conditionalBinomialPValue(10, 0, 0.1)).isCloseTo(2 * Math.pow(0.9, 10), within(1e-12));
    }

    @Test
    void noTicketsOrNoChangeGiveOne() {
        assertThat(Statistics.conditionalBinomialPValue(0, 0, 0.5)).isEqualTo(1.0);
        assertThat(Statistics.conditionalBinomialPValue(3, 3, 0.5)).isEqualTo(1.0);
    }

    @Test
    void largeCountsDoNotOverflow() {
        assertThat(Statistics.conditionalBinomialPValue(4000, 4000, 0.5)).isEqualTo(1.0);
        // normal approximation: z = (3000 - 3500) / sqrt(7000 / 4) = -11.95, two-sided p ≈ 6e-33
        assertThat(Statistics.conditionalBinomialPValue(4000, 3000, 0.5)).isBetween(0.0, 1e-30);
        // upper tail small but far from underflow: P(X >= 60 | n = 100, p = 0.5) = 0.02844 (tables), doubled
        assertThat(Statistics.conditionalBinomialPValue(40, 60, 0.5)).isCloseTo(2 * 0.028443966820490392, within(1e-12));
    }

    @Test
    void poissonUpperTailAboveTheMean() {
        // P(X >= 5 | mean 2) = 1 - e^-2 (1 + 2 + 2 + 4/3 + 2/3) = 1 - 7 e^-2
        assertThat(Statistics.poissonTail(5, 2.0)).isCloseTo(1 - 7 * Math.exp(-2), within(1e-12));
        // at the mean the upper tail is taken: P(X >= 3 | mean 3) = 1 - e^-3 (1 + 3 + 4.5)
        assertThat(Statistics.poissonTail(3, 3.0)).isCloseTo(1 - 8.5 * Math.exp(-3), within(1e-12));
    }

    @Test
    void poissonLowerTailBelowTheMean() {
        // P(X <= 0 | mean 3) = e^-3; P(X <= 1 | mean 6) = 7 e^-6
        assertThat(Statistics.poissonTail(0, 3.0)).isCloseTo(Math.exp(-3), within(1e-12));
        assertThat(Statistics.poissonTail(1, 6.0)).isCloseTo(7 * Math.exp(-6), within(1e-12));
    }

    @Test
    void aZeroMeanAllowsOnlyZero() {
        assertThat(Statistics.poissonTail(0, 0.0)).isEqualTo(1.0);
        assertThat(Statistics.poissonTail(2, 0.0)).isZero();
    }
}
