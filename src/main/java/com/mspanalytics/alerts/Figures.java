package com.mspanalytics.alerts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/** How alerts and digests quote a statistic of an anomaly: at most two decimals, no trailing zeros ("2.75", "9"). */
public final class Figures {

    private Figures() {
    }

    public static String of(@Nullable Object value) {
        if (value == null) {
            return "–";
        }
        BigDecimal number = new BigDecimal(value.toString()).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return number.scale() < 0 ? number.setScale(0).toPlainString() : number.toPlainString();
    }
}
