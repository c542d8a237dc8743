package com.mspanalytics.dashboard;

import java.text.NumberFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A chart as charts.js draws it: bars (or stacked bars) by label, one or more series; or a heatmap, a row per series. charts.js builds the ECharts
 * options itself from these fields, so tenant data never supplies option keys, and names are drawn as canvas text.
 *
 * @param unit how values read on the axis: "h", "CAD", "%", "" …
 * @param summary the chart in words, for screen readers (its numbers are in the table under it, see {@link #rows()})
 */
public record ChartSpec(String title, String kind, List<String> labels, List<Series> series, String unit, String summary) {

    /** How many bars the summary reads out; a screen reader's user gets the rest from the table. */
    static final int SPOKEN = 3;

    public record Series(String name, List<Double> data) {
    }

    /** One bar's figures, one per series, as the table under the chart shows them. */
    public record Row(String label, List<String> values) {
    }

    static ChartSpec bars(String title, List<String> labels, String unit, Series... series) {
        return new ChartSpec(title, "bar", labels, List.of(series), unit, summary(title, labels, unit, series));
    }

    static ChartSpec stacked(String title, List<String> labels, String unit, Series... series) {
        return new ChartSpec(title, "stacked", labels, List.of(series), unit, summary(title, labels, unit, series));
    }

    /**
     * A grid drawn as a table (ECharts' common build has no heatmap): one column per label, one row per series (a
     * tech), each cell's shade its value against the largest.
     */
    static ChartSpec heatmap(String title, List<String> labels, String unit, Series... series) {
        return new ChartSpec(title, "heatmap", labels, List.of(series), unit, summary(title, labels, unit, series));
    }

    /** One row of a heatmap: its name and its cells, each with its figure and a shade from 0 (none) to 5. */
    public record HeatRow(String name, List<HeatCell> cells) {
    }

    public record HeatCell(String text, int shade) {
    }

    public List<HeatRow> heatRows() {
        double max = series.stream().flatMap(s -> s.data().stream()).mapToDouble(Double::doubleValue).max().orElse(0);
        return series.stream().map(s -> new HeatRow(s.name(), s.data().stream()
                .map(v -> new HeatCell(figure(v), max <= 0 || v <= 0 ? 0 : (int) Math.ceil(5 * v / max))).toList()))
                .toList();
    }

    /** The chart's data as table rows: the same figures for those who cannot see the canvas. */
    public List<Row> rows() {
        return IntStream.range(0, labels.size()).mapToObj(i -> new Row(labels.get(i),
                series.stream().map(s -> figure(s.data().get(i))).toList())).toList();
    }

    /** E.g. "Hours by client, 15 bars in h: Acme 19 billable, 4 not billable; …; and 12 more, in the table under it." */
    private static String summary(String title, List<String> labels, String unit, Series[] series) {
        if (labels.isEmpty()) {
            return title + ": nothing to show";
        }
        int told = Math.min(SPOKEN, labels.size());
        String bars = IntStream.range(0, told).mapToObj(i -> labels.get(i) + " " + Arrays.stream(series)
                .map(s -> figure(s.data().get(i)) + " " + s.name()).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
        return title + ", " + labels.size() + (labels.size() == 1 ? " bar" : " bars") + (unit.isEmpty() ? "" : " in " + unit)
                + ": " + bars + (labels.size() > told ? "; and " + (labels.size() - told) + " more" : "")
                + ". Every figure is in the table under the chart.";
    }

    /** At most two decimals, grouped: the series are doubles, so sums carry float noise (4.249999…) otherwise. */
    private static String figure(double value) {
        NumberFormat format = NumberFormat.getNumberInstance(Locale.ENGLISH);
        format.setMaximumFractionDigits(2);
        return format.format(value);
    }
}
