package com.mspanalytics.dashboard;

import java.util.List;

/**
 * A chart as charts.js draws it: bars (or stacked bars) by label, one or more series. charts.js builds the ECharts
 * options itself from these fields, so tenant data never supplies option keys, and names are drawn as canvas text.
 *
 * @param unit how values read on the axis: "h", "CAD", "%", "" …
 * @param summary the chart in words, for screen readers (its numbers are in the table below it)
 */
public record ChartSpec(String title, String kind, List<String> labels, List<Series> series, String unit, String summary) {

    public record Series(String name, List<Double> data) {
    }

    static ChartSpec bars(String title, List<String> labels, String unit, Series... series) {
        return new ChartSpec(title, "bar", labels, List.of(series), unit, summary(title, labels, series));
    }

    static ChartSpec stacked(String title, List<String> labels, String unit, Series... series) {
        return new ChartSpec(title, "stacked", labels, List.of(series), unit, summary(title, labels, series));
    }

    private static String summary(String title, List<String> labels, Series[] series) {
        if (labels.isEmpty()) {
            return title + ": nothing to show";
        }
        return title + ": " + labels.size() + " bars, first " + labels.get(0) + " (" + series[0].name() + " "
                + RecordTable.text(series[0].data().get(0)) + ")";
    }
}
