package com.mspanalytics.dashboard;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the overview shows: a tile per KPI, how fresh the data is, and what needs attention.
 *
 * @param syncedAgo e.g. "synced 4 min ago"; "never synced" before the first run
 * @param syncErrors the last failed runs' entity and error, newest first (at most 3)
 */
public record OverviewPage(String tenantName, List<Tile> tiles, String syncedAgo, List<String> syncErrors,
        long openAnomalies, List<Attention> attention) {

    /**
     * One KPI at a glance.
     *
     * @param headline the figure as text ("7 080 CAD"), "–" before the first result
     * @param change against the result of a week earlier, in words
     * @param targetText the target in words, e.g. "green at most 500 CAD, amber at most 2,000 CAD"
     */
    public record Tile(@Nullable String resultId, String number, String slug, String title, String label, String headline, String change, Rag state,
            String targetText, Sparkline sparkline, @Nullable String computedAgo, String href) {
    }

    /** A line of the "needs attention" list, linking to where it can be acted on. */
    public record Attention(String text, String href) {
    }
}
