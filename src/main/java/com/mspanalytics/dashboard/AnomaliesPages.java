package com.mspanalytics.dashboard;

import com.mspanalytics.kpi.KpiCatalog;
import com.mspanalytics.kpi.AnomalyDetails;
import com.mspanalytics.kpi.AnomalyView;
import com.mspanalytics.kpi.KpiService;
import com.mspanalytics.kpi.SeriesAnomaly;
import com.mspanalytics.kpi.SlaBreach;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The inbox from the stored anomalies, and acknowledging one with a note. */
@Component
class AnomaliesPages {

    static final int LIMIT = 500;

    private final KpiService kpis;
    private final Clock clock;

    AnomaliesPages(KpiService kpis, Clock clock) {
        this.kpis = kpis;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    AnomaliesPage build(String status, @Nullable String kpi, boolean canAcknowledge, @Nullable String flash) {
        String filter = switch (status) {
            case "open", "acknowledged" -> status;
            default -> null;
        };
        String kpiFilter = kpi != null && KpiCatalog.find(kpi).isPresent() ? kpi : null;
        List<AnomaliesPage.Row> rows = kpis.anomalies(filter, LIMIT).stream()
                .filter(a -> kpiFilter == null || a.kpi().equals(kpiFilter)).map(this::row).toList();
        return new AnomaliesPage(filter == null ? "all" : filter, kpiFilter, KpiCatalog.ALL, rows, canAcknowledge, flash);
    }

    /** @return false when the tenant has no such anomaly */
    @Transactional
    boolean acknowledge(String kpi, String dimension, String key, String period, String by, String note) {
        return kpis.acknowledge(kpi, dimension, key, period, by, note);
    }

    private AnomaliesPage.Row row(AnomalyView a) {
        String title = KpiCatalog.find(a.kpi()).map(KpiCatalog.Entry::title).orElse(a.kpi());
        return new AnomaliesPage.Row(a.kpi(), title, a.dimension(), a.key(), a.period(), a.status(), what(a.details()),
                Formats.age(a.firstSeenAt().toInstant(), clock.instant()),
                a.acknowledgedAt() == null ? null : Formats.age(a.acknowledgedAt().toInstant(), clock.instant())
                        + (a.acknowledgedBy() == null ? "" : " by " + a.acknowledgedBy()),
                a.acknowledgementNote(), "/app/kpi/" + a.kpi());
    }

    /** The figures in words: a series against its usual level, or the SOC target missed. */
    static String what(AnomalyDetails details) {
        if (details instanceof SeriesAnomaly s) {
            return plain(s.current()) + " " + s.measure().name().toLowerCase(java.util.Locale.ROOT) + " vs a usual "
                    + plain(s.baselineMean())
                    + (s.z() == null ? "" : " (z " + plain(s.z()) + ")") + ", " + s.direction();
        }
        SlaBreach b = (SlaBreach) details;
        String ack = b.ackMinutes() == null ? "not acknowledged" : "acknowledged after " + plain(b.ackMinutes()) + " min";
        return b.severity() + " " + b.source() + " event " + b.eventId() + " at " + b.client() + ": " + ack
                + " (target " + b.ackTargetMinutes() + " min)";
    }

    private static String plain(@Nullable BigDecimal value) {
        return value == null ? "–" : Formats.decimal(value, value.scale() > 0 ? 1 : 0);
    }
}
