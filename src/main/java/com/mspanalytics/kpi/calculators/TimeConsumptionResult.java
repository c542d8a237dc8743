package com.mspanalytics.kpi.calculators;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.mspanalytics.kpi.Headline;
import com.mspanalytics.kpi.KpiBody;
import com.mspanalytics.kpi.SeriesAnomaly;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** KPI 04 ({@code time-consumption}): where the hours go, and what is trending. */
@Schema(name = "TimeConsumptionBody")
public record TimeConsumptionResult(Summary summary, List<Trend> rows) implements KpiBody {

    @Override
    public Headline headline() {
        return Headline.share("billable share", summary.billableShare(), Headline.Better.HIGHER);
    }

    /**
     * @param totalsFrom first day of the whole periods the totals cover
     * @param billableShare hours with billable option "Billable" / all hours; null without hours
     * @param topClients the five clients with most hours
     * @param flaggedTrends the rising and falling trends, without their series
     */
    @Schema(name = "TimeConsumptionSummary")
    public record Summary(String granularity, LocalDate totalsFrom, LocalDate totalsTo, String period,
            LocalDate periodStart, LocalDate periodEnd, LocalDate baselineStart, int baselinePeriods, String stddev,
            BigDecimal totalHours, BigDecimal billableHours, @Nullable BigDecimal billableShare, List<Total> topClients,
            Totals totals, List<Trend> flaggedTrends) {
    }

    /** The totals by each dimension, most hours first. */
    @Schema(name = "TimeConsumptionTotals")
    public record Totals(List<Total> client, List<Total> domain, List<Total> workType, List<Total> billableOption,
            @JsonProperty("client×domain") List<Total> clientDomain) {
    }

    /** One key's hours; only the fields of its dimension are present. */
    @Schema(name = "TimeConsumptionTotal")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Total(@Nullable String client, @Nullable String clientName, @Nullable String domain,
            @Nullable String workType, @Nullable String billableOption, BigDecimal hours, BigDecimal billableHours,
            @Nullable BigDecimal share) {

        Total withShare(@Nullable BigDecimal of) {
            return new Total(client, clientName, domain, workType, billableOption, hours, billableHours, of);
        }
    }

    /**
     * A client's or client×domain's hours in the judged period against its baseline.
     *
     * @param z null when the baseline's stddev is 0
     * @param changePct null when the baseline mean is 0
     * @param slope least-squares hours per period over the baseline and the judged period
     * @param trend "rising", "falling" or null
     * @param series absent in {@code flaggedTrends} and stored anomalies
     */
    @Schema(name = "TimeConsumptionTrend")
    public record Trend(String dimension, String key, String client, @Nullable String clientName,
            @Nullable String domain, BigDecimal currentHours, BigDecimal baselineMean, BigDecimal baselineStddev,
            @Nullable BigDecimal z, @Nullable BigDecimal changePct, @Nullable BigDecimal slope, @Nullable String trend,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<Point> series) {

        /** What an alert says about it, stored with the anomaly. */
        SeriesAnomaly details() {
            return new SeriesAnomaly(SeriesAnomaly.Measure.HOURS, currentHours, baselineMean, baselineStddev, z,
                    changePct, null, trend, clientName, List.of());
        }

        Trend withoutSeries() {
            return new Trend(dimension, key, client, clientName, domain, currentHours, baselineMean, baselineStddev, z,
                    changePct, slope, trend, null);
        }
    }

    /** One period of a series, oldest first. */
    @Schema(name = "TimeConsumptionPoint")
    public record Point(String period, LocalDate start, BigDecimal hours) {
    }
}
