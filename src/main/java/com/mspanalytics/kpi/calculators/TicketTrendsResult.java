package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.Headline;
import com.mspanalytics.kpi.KpiBody;
import com.mspanalytics.kpi.SeriesAnomaly;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** KPI 11 ({@code ticket-trends}): the anomalous ticket volumes of the latest complete period. */
@Schema(name = "TicketTrendsBody")
public record TicketTrendsResult(Summary summary, List<Anomaly> rows) implements KpiBody {

    @Override
    public Headline headline() {
        return Headline.count("ticket volume anomalies", summary.anomalies(), Headline.Better.LOWER);
    }

    /**
     * @param keysEligible keys whose count or baseline mean was large enough to judge
     * @param stddev how standard deviations are computed ("population")
     */
    @Schema(name = "TicketTrendsSummary")
    public record Summary(String granularity, String period, LocalDate periodStart, LocalDate periodEnd,
            LocalDate baselineStart, int baselinePeriods, String stddev, int keysEligible, int anomalies, long spikes,
            long drops) {
    }

    /**
     * One anomalous key, most surprising first.
     *
     * @param dimension "client", "domain" or "client×domain"
     * @param z null when the baseline is flat (stddev 0); then {@code poissonTail} judges
     * @param direction "spike" or "drop"
     */
    @Schema(name = "TicketTrendsAnomaly")
    public record Anomaly(String dimension, String key, @Nullable String client, @Nullable String clientName,
            @Nullable String domain, String period, long count, double baselineMean, double baselineStddev,
            @Nullable Double z, @Nullable Double poissonTail, String direction, List<Long> exampleTicketIds,
            List<Point> series) {

        /** What an alert says about it, stored with the anomaly. */
        SeriesAnomaly details() {
            return new SeriesAnomaly(SeriesAnomaly.Measure.TICKETS, BigDecimal.valueOf(count),
                    BigDecimal.valueOf(baselineMean), BigDecimal.valueOf(baselineStddev),
                    z == null ? null : BigDecimal.valueOf(z), null, poissonTail, direction, clientName, exampleTicketIds);
        }
    }

    /** One period of a key's series, oldest first. */
    @Schema(name = "TicketTrendsPoint")
    public record Point(String period, LocalDate start, long count) {
    }
}
