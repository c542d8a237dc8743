package com.mspanalytics.alerts.digest;

import java.math.BigDecimal;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How the digest writes numbers, one rule per kind so both parts of the e-mail agree: hours with one decimal,
 * money with two and its currency, ratios as percentages with one decimal, and an en dash for "no data".
 */
final class DigestFormat {

    static final String NONE = "–";

    private DigestFormat() {
    }

    static String hours(@Nullable Object value) {
        return value == null ? NONE : String.format(Locale.ROOT, "%,.1f", decimal(value));
    }

    static String money(@Nullable Object value, String currency) {
        return value == null ? NONE : currency + " " + String.format(Locale.ROOT, "%,.2f", decimal(value));
    }

    /** A ratio (0.7234) as a percentage ("72.3 %"). */
    static String percent(@Nullable Object ratio) {
        return ratio == null ? NONE : String.format(Locale.ROOT, "%.1f %%", decimal(ratio).movePointRight(2));
    }

    static String count(@Nullable Object value) {
        return value == null ? NONE : String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
    }

    static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }
}
