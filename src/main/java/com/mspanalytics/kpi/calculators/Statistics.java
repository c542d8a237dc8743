package com.mspanalytics.kpi.calculators;

import java.math.BigDecimal;
import java.math.MathContext;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * The KPIs' statistics computed in Java, on Apache Commons Math. Means, population standard deviations,
 * percentiles and least-squares slopes are PostgreSQL aggregates in the KPIs' SQL ({@code avg}, {@code stddev_pop},
 * {@code percentile_cont}, {@code regr_slope}); what needs a distribution is here, once.
 */
final class Statistics {

    private Statistics() {
    }

    /**
     * The probability, under X ~ Poisson(mean), of a count at least as far from the mean as {@code count} on its side:
     * P(X ≥ count) when count ≥ mean, else P(X ≤ count). With a mean of 0 only 0 is possible.
     */
    static double poissonTail(long count, double mean) {
        if (mean <= 0) {
            return count > 0 ? 0.0 : 1.0;
        }
        PoissonDistribution poisson = new PoissonDistribution(null, mean, PoissonDistribution.DEFAULT_EPSILON,
                PoissonDistribution.DEFAULT_MAX_ITERATIONS);
        double tail = count >= mean ? poissonUpperTail(count, mean) : poisson.cumulativeProbability((int) count);
        return Math.min(1, Math.max(0, tail));
    }

    /**
     * {@code P(X >= count)} for X ~ Poisson(mean): the regularized lower gamma {@code P(count, mean)}, accurate far
     * into the tail where {@code 1 - cdf} cancels to 0. 1 for a count of 0 or less; 0 for a positive count where the
     * mean is 0.
     */
    static double poissonUpperTail(long count, double mean) {
        if (count <= 0) {
            return 1;
        }
        return mean > 0 ? Gamma.regularizedGammaP(count, mean) : 0;
    }

    /** 6 significant digits, as p-values (which are small, so 4 decimals would read 0). */
    static BigDecimal roundP(double value) {
        return new BigDecimal(value).round(new MathContext(6));
    }

    /**
     * Two-sided p-value of {@code after} under Binomial(before + after, p): twice the smaller tail, at most 1. This
     * is the exact test of two Poisson rates, conditioned on their total.
     */
    static double conditionalBinomialPValue(long before, long after, double p) {
        long n = before + after;
        if (n == 0) {
            return 1.0;
        }
        double lower = new BinomialDistribution(null, (int) n, p).cumulativeProbability((int) after);
        // P(X >= after) as the lower tail of n - X ~ Binomial(n, 1 - p): no 1 - cdf, so small tails keep their digits
        double upper = new BinomialDistribution(null, (int) n, 1 - p).cumulativeProbability((int) (n - after));
        return Math.min(1.0, 2 * Math.min(lower, upper));
    }

    /** Rounded to 4 decimals, as every ratio and statistic in a result; null stays null. */
    static Double round4(Number value) {
        return value == null ? null : Math.round(value.doubleValue() * 10_000) / 10_000.0;
    }

    /** Rounded to 2 decimals, as hours; null stays null. */
    static Double round2(Number value) {
        return value == null ? null : Math.round(value.doubleValue() * 100) / 100.0;
    }
}
