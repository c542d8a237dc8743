package com.mspanalytics.dashboard;

import com.mspanalytics.kpi.KpiCatalog;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One KPI's page: its headline against the target, its chart with the chart's data as JSON for charts.js, the
 * summary's figures, and its rows as a table (also downloadable as CSV).
 *
 * @param resultId the stored result shown (its id in {@code GET /kpi/{slug}/results})
 * @param chartJson the {@link ChartSpec} as JSON, put in a data attribute; null when there is nothing to chart
 * @param canBrief whether the viewer may ask for an AI brief (managers and admins, when there is a result)
 */
public record KpiPage(KpiCatalog.Entry kpi, @Nullable String resultId, boolean computed, String label, String headline, Rag state, String targetText,
        String windowText, String computedAgo, @Nullable ChartSpec chart, @Nullable String chartJson,
        List<RecordTable.Fact> facts, RecordTable table, String csvHref, String apiHref, boolean canBrief,
        @Nullable Brief brief) {

    /**
     * Claude's brief of the result shown, asked for from the page, or why there is none.
     *
     * @param cost "412 input + 96 output tokens, about US$0.0027"; null when there is no brief
     */
    public record Brief(String text, @Nullable String model, @Nullable String cost, boolean written) {
    }

    KpiPage sortedBy(@Nullable Integer column, boolean descending) {
        return new KpiPage(kpi, resultId, computed, label, headline, state, targetText, windowText, computedAgo, chart,
                chartJson, facts, table.sortedBy(column, descending), csvHref, apiHref, canBrief, brief);
    }

    KpiPage withBrief(Brief brief) {
        return new KpiPage(kpi, resultId, computed, label, headline, state, targetText, windowText, computedAgo, chart,
                chartJson, facts, table, csvHref, apiHref, canBrief, brief);
    }
}
