package com.mspanalytics.kpi.calculators;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.commons.math3.special.Gamma;

/**
 * The recurrence test KPIs 01, 02 and 06 share: a count is "clearly more than expected" when it reaches a
 * minimum, is at least {@code minRatio} times what the expectation predicts, and is unlikely under a
 * Poisson of that mean ({@code P(X >= count) < maxPValue}). Absolute counts alone flag every busy client.
 *
 * @param count what was seen
 * @param expected what the reference rate predicts for the same exposure (0: the reference never saw it)
 */
record Recurrence(long count, double expected) {

    /** {@code count / expected}, null when nothing was expected (any count is unboundedly above it). */
    Double ratio() {
        return expected > 0 ? count / expected : null;
    }

    /**
     * {@code P(X >= count)} for X ~ Poisson(expected): the regularized lower gamma {@code P(count, expected)},
     * accurate far into the tail where {@code 1 - cdf} cancels to 0. 1 for count 0; 0 for a count where
     * nothing was expected.
     */
    double pValue() {
        if (count <= 0) {
            return 1;
        }
        return expected > 0 ? Gamma.regularizedGammaP(count, expected) : 0;
    }

    boolean clearlyAbove(long minCount, double minRatio, double maxPValue) {
        Double ratio = ratio();
        return count >= minCount && (ratio == null || ratio >= minRatio) && pValue() < maxPValue;
    }

    static BigDecimal round4(Double value) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP);
    }

    /** p-values are small: 6 significant digits rather than 4 decimals. */
    static BigDecimal roundP(double value) {
        return new BigDecimal(value).round(new java.math.MathContext(6));
    }
}
