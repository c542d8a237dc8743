package com.mspanalytics.dashboard;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One KPI's page: its headline against the target, its chart with the chart's data as JSON for charts.js, the
 * summary's figures, and its rows as a table (also downloadable as CSV).
 *
 * @param resultId the stored result shown (its id in {@code GET /kpi/{slug}/results})
 * @param chartJson the {@link ChartSpec} as JSON, put in a data attribute; null when there is nothing to chart
 */
public record KpiPage(KpiCatalog.Entry kpi, @Nullable String resultId, boolean computed, String label, String headline, Rag state, String targetText,
        String windowText, String computedAgo, @Nullable ChartSpec chart, @Nullable String chartJson,
        List<RecordTable.Fact> facts, RecordTable table, String csvHref, String apiHref) {
}
