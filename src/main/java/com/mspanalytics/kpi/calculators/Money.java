package com.mspanalytics.kpi.calculators;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.function.Function;

/** Sums of money figures, to cents, as every total in a result. */
final class Money {

    private Money() {
    }

    static <T> BigDecimal sum(Collection<T> rows, Function<T, BigDecimal> amount) {
        return rows.stream().map(amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }
}
