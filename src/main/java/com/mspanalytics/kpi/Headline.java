package com.mspanalytics.kpi;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * The one figure a KPI is judged by at a glance: the overview tile, its sparkline and its red/amber/green state
 * against the tenant's target all read it.
 *
 * @param label what the figure is, in words ("recoverable", "SLA compliance")
 * @param value null when the window had nothing to measure
 * @param better whether a lower or a higher value is the good direction
 */
@Schema(name = "KpiHeadline")
public record Headline(String label, @Nullable BigDecimal value, Unit unit, Better better) {

    public enum Unit {
        /** a number of things */
        COUNT,
        HOURS,
        /** in the tenant's currency */
        MONEY,
        /** 0–1, shown as a percentage */
        SHARE
    }

    public enum Better {
        LOWER,
        HIGHER
    }

    public static Headline count(String label, long value, Better better) {
        return new Headline(label, BigDecimal.valueOf(value), Unit.COUNT, better);
    }

    public static Headline share(String label, @Nullable Number value, Better better) {
        return new Headline(label, value == null ? null : decimal(value).setScale(4, RoundingMode.HALF_UP), Unit.SHARE,
                better);
    }

    public static Headline money(String label, BigDecimal value, Better better) {
        return new Headline(label, value, Unit.MONEY, better);
    }

    private static BigDecimal decimal(Number value) {
        return value instanceof BigDecimal d ? d : BigDecimal.valueOf(value.doubleValue());
    }
}
