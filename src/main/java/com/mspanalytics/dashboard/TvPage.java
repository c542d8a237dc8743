package com.mspanalytics.dashboard;

import org.jspecify.annotations.Nullable;

/**
 * One page of a TV screen's rotation: the overview or a KPI, shown big on a dark full screen.
 *
 * @param next where the screen goes after {@code rotateSeconds}, relative to its link ({@code ?page=2}), so that the
 *     page carries no token of its own: the next page of the rotation, or this one again when it is the only one
 * @param position "2 of 4"; empty when the screen shows one page
 * @param overview the overview, when this page is it
 * @param kpi the KPI's page, when this page is one
 */
public record TvPage(String screenName, int rotateSeconds, String next, String position,
        @Nullable OverviewPage overview, @Nullable KpiPage kpi) {
}
