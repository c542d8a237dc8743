package com.mspanalytics.dashboard;

import com.mspanalytics.kpi.KpiCatalog;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The anomalies inbox: open and acknowledged anomalies, filtered by status and KPI.
 *
 * @param status the filter: open, acknowledged or all
 * @param kpi the KPI filter's slug; null for every KPI
 * @param canAcknowledge whether the viewer's role may acknowledge (managers and admins)
 * @param flash what the last action did, e.g. "Acknowledged …"
 */
public record AnomaliesPage(String status, @Nullable String kpi, List<KpiCatalog.Entry> kpis, List<Row> rows,
        boolean canAcknowledge, @Nullable String flash) {

    /**
     * One anomaly.
     *
     * @param what its figures in words, e.g. "14 tickets vs a usual 3.2 (z 4.1)"
     * @param evidence the KPI page whose chart and table show it
     */
    public record Row(String kpiSlug, String kpiTitle, String dimension, String key, String period, String status,
            String what, String firstSeen, @Nullable String acknowledged, @Nullable String note, String evidence) {

        public boolean open() {
            return "open".equals(status);
        }
    }
}
