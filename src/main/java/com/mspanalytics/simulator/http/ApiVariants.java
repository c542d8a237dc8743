package com.mspanalytics.simulator.http;

/**
 * Choices for API details the vendors' documentation leaves unclear, so a connector can be tried against each variant.
 *
 * @param connectWiseNextOnEveryPage  forward-only paging: offer {@code rel="next"} on every non-empty page (an empty
 *                                    page ends the walk) rather than only on full pages
 * @param smileBackDefaultLimit       SmileBack page size when {@code limit} is absent
 * @param sentinelOneDefaultLimit     SentinelOne page size when {@code limit} is absent
 * @param graphAlertsDefaultTop       alerts_v2 page size when {@code $top} is absent
 * @param graphAlertsMaxTop           the largest alerts_v2 {@code $top} accepted (above: 400)
 */
public record ApiVariants(boolean connectWiseNextOnEveryPage, int smileBackDefaultLimit, int sentinelOneDefaultLimit,
                          int graphAlertsDefaultTop, int graphAlertsMaxTop) {

    public static ApiVariants defaults() {
        return new ApiVariants(true, 100, 10, 100, 2000);
    }
}
