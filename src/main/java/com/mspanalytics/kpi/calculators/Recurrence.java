package com.mspanalytics.kpi.calculators;


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
     * {@code P(X >= count)} for X ~ Poisson(expected), see {@link Statistics#poissonUpperTail}.
     */
    double pValue() {
        return Statistics.poissonUpperTail(count, expected);
    }

    boolean clearlyAbove(long minCount, double minRatio, double maxPValue) {
        Double ratio = ratio();
        return count >= minCount && (ratio == null || ratio >= minRatio) && pValue() < maxPValue;
    }
}
