package com.mspanalytics.dashboard;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A headline's recent history as an inline SVG polyline (no script, so the overview draws before any JavaScript):
 * {@code points} fit a 100 × 24 view box, oldest left.
 *
 * @param summary the same values in words, for screen readers
 */
public record Sparkline(String points, String summary, boolean drawable) {

    static Sparkline of(List<BigDecimal> values, List<String> labels) {
        if (values.size() < 2) {
            return new Sparkline("", values.isEmpty() ? "no history yet" : "one result so far: " + labels.get(0), false);
        }
        double min = values.stream().mapToDouble(BigDecimal::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(BigDecimal::doubleValue).max().orElse(0);
        double span = max - min == 0 ? 1 : max - min;
        String points = IntStream.range(0, values.size())
                .mapToObj(i -> String.format(Locale.ROOT, "%.1f,%.1f", 100.0 * i / (values.size() - 1),
                        22 - 20 * (values.get(i).doubleValue() - min) / span))
                .collect(Collectors.joining(" "));
        return new Sparkline(points, "last " + values.size() + " results, oldest first: " + String.join(", ", labels), true);
    }
}
