package com.mspanalytics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A chart's text alternatives: the summary a screen reader says for the canvas, and the table of its figures. */
class ChartSpecTests {

    private final ChartSpec hours = ChartSpec.stacked("Hours by client",
            List.of("Acme", "Globex", "Initech", "Umbrella"), "h",
            new ChartSpec.Series("billable", List.of(19.0, 4.25, 1.0, 12732.5)),
            new ChartSpec.Series("not billable", List.of(4.249999999999999, 0.0, 2.5, 0.1)));

    @Test
    void theSummaryReadsTheFirstBarsAndSaysWhereTheRestAre() {
        assertThat(hours.summary()).isEqualTo("Hours by client, 4 bars in h: Acme 19 billable, 4.25 not billable; "
                + "Globex 4.25 billable, 0 not billable; Initech 1 billable, 2.5 not billable; and 1 more. "
                + "Every figure is in the table under the chart.");
        assertThat(ChartSpec.bars("Utilization by tech", List.of("Ada"), "", new ChartSpec.Series("utilization",
                List.of(62.5))).summary()).isEqualTo("Utilization by tech, 1 bar: Ada 62.5 utilization. "
                + "Every figure is in the table under the chart.");
        assertThat(ChartSpec.bars("Nothing", List.of(), "h", new ChartSpec.Series("x", List.of())).summary())
                .isEqualTo("Nothing: nothing to show");
    }

    @Test
    void theTableHasOneRowPerBarWithEverySeriesFigure() {
        assertThat(hours.rows()).containsExactly(
                new ChartSpec.Row("Acme", List.of("19", "4.25")),
                new ChartSpec.Row("Globex", List.of("4.25", "0")),
                new ChartSpec.Row("Initech", List.of("1", "2.5")),
                new ChartSpec.Row("Umbrella", List.of("12,732.5", "0.1")));
    }
}
