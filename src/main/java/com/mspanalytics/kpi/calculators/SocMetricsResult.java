package com.mspanalytics.kpi.calculators;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mspanalytics.kpi.Headline;
import com.mspanalytics.kpi.KpiBody;
import com.mspanalytics.kpi.SeriesAnomaly;
import com.mspanalytics.kpi.SlaBreach;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** KPI 12 ({@code soc-metrics}): how security events are handled. */
@Schema(name = "SocMetricsBody")
public record SocMetricsResult(Summary summary, List<Client> rows) implements KpiBody {

    @Override
    public Headline headline() {
        return Headline.share("SLA compliance", slaCompliance(), Headline.Better.HIGHER);
    }

    /** Met over judged (not pending) events, across severities; null when none was judged. */
    private @Nullable Double slaCompliance() {
        long met = summary.slaCompliance().values().stream().mapToLong(Sla::met).sum();
        long judged = summary.slaCompliance().values().stream().mapToLong(s -> s.met() + s.breaches()).sum();
        return judged == 0 ? null : (double) met / judged;
    }

    /**
     * Counts are keyed by severity, source, classification or client name; MTTA/MTTR and SLA compliance by severity.
     *
     * @param falsePositiveRate false positives / events with a verdict (true positive, false positive, benign)
     * @param agedTo the instant open events are aged to: the freshest synced record before the window's end
     * @param slaBreaches the critical and high events that breached a target
     */
    @Schema(name = "SocMetricsSummary")
    public record Summary(long events, Map<String, Long> bySeverity, Map<String, Long> bySource,
            Map<String, Long> byClassification, Map<String, Long> byClient, Map<String, Times> mttaMinutes,
            Map<String, Times> mttrMinutes, Map<String, Sla> slaCompliance, @Nullable BigDecimal falsePositiveRate,
            long falsePositiveN, Instant agedTo, Backlog openBacklog, List<SlaBreach> slaBreaches,
            List<VolumeAnomaly> volumeAnomalies) {
    }

    /** Minutes to acknowledge or resolve: how many, median and p90. */
    @Schema(name = "SocMetricsTimes")
    public record Times(long n, @Nullable BigDecimal median, @Nullable BigDecimal p90) {
    }

    /**
     * One severity against its targets.
     *
     * @param pending open events still inside both targets, not judged yet
     * @param compliance met / judged; null when nothing is judged
     */
    @Schema(name = "SocMetricsSla")
    public record Sla(long n, int ackTargetMinutes, int resolveTargetMinutes, long ackBreaches, long resolveBreaches,
            long breaches, long pending, long met, @Nullable BigDecimal compliance) {
    }

    /** Events open at the window's end, by age bucket and severity. */
    @Schema(name = "SocMetricsBacklog")
    public record Backlog(long open, Map<String, Long> byAge, Map<String, Long> bySeverity) {
    }

    /** A client's weekly event count against its baseline (KPI 11's rule); also a stored anomaly. */
    @Schema(name = "SocMetricsVolumeAnomaly")
    public record VolumeAnomaly(String clientKey, String client, String period, LocalDate weekStart, long count,
            double baselineMean, double stddev, @Nullable Double z, @Nullable Double poissonP, String direction,
            List<Long> series) {

        /** What an alert says about it, stored with the anomaly. */
        SeriesAnomaly details() {
            return new SeriesAnomaly(SeriesAnomaly.Measure.EVENTS, BigDecimal.valueOf(count),
                    BigDecimal.valueOf(baselineMean), BigDecimal.valueOf(stddev), z == null ? null : BigDecimal.valueOf(z),
                    null, poissonP, direction, client, List.of());
        }
    }

    /**
     * One client's events, most breaches first.
     *
     * @param sourceClient for events mapped to no ConnectWise company: the SOC tool's own client name
     */
    @Schema(name = "SocMetricsClient")
    public record Client(String client, @Nullable String clientIdentifier,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String sourceClient, long events, long criticalHigh,
            long slaBreaches, long open, long falsePositives) {
    }
}
