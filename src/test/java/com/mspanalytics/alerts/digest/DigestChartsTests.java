package com.mspanalytics.alerts.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The digest's charts and footer, on a digest built by hand: what a reader of the mail sees. */
class DigestChartsTests {

    @Test
    void theUtilizationChartHasABarForEveryTechTheTableLists() throws Exception {
        List<WeeklyDigest.Tech> techs = IntStream.rangeClosed(1, 15).mapToObj(i -> new WeeklyDigest.Tech("Tech " + i, i,
                BigDecimal.ONE, null, null, new BigDecimal("0.5"))).toList();
        BufferedImage chart = ImageIO.read(new ByteArrayInputStream(DigestCharts.of(digest(techs)).get(DigestCharts.UTILIZATION)));

        // the chart's height grows by one bar per tech: 15 bars, not the 12 it used to stop at
        BufferedImage twelve = ImageIO.read(new ByteArrayInputStream(DigestCharts.of(digest(techs.subList(0, 12)))
                .get(DigestCharts.UTILIZATION)));
        assertThat(chart.getHeight() - twelve.getHeight()).isEqualTo(3 * 26);
    }

    @Test
    void theFooterNamesTheKpisInWordsAndNoJavaMap() {
        Map<String, UUID> results = new LinkedHashMap<>();
        results.put("time-consumption", UUID.randomUUID());
        results.put("agreement-mismatch", UUID.randomUUID());
        WeeklyDigest digest = digest(List.of());
        digest = new WeeklyDigest(digest.tenantName(), digest.week(), digest.timeZone(), digest.currency(),
                digest.hours(), digest.recovery(), digest.opportunities(), digest.techs(), digest.soc(),
                digest.openAnomalies(), digest.openAnomalyCount(), digest.narrative(), results, null);

        assertThat(digest.sourcesText()).startsWith("Figures from the 2 KPI results computed for this week: "
                + "Time Consumption, Agreement Mismatch.").doesNotContain("{").doesNotContain("=");
    }

    private static WeeklyDigest digest(List<WeeklyDigest.Tech> techs) {
        LocalDate monday = LocalDate.of(2026, 11, 30);
        return new WeeklyDigest("MSP", new DigestWeek(monday, monday.plusDays(6)), "UTC", "CAD",
                new WeeklyDigest.Hours(null, null, null, List.of()),
                new WeeklyDigest.Recovery(null, null, null, null, "CAD", List.of()), List.of(), techs,
                new WeeklyDigest.Soc(0, 0, List.of()), List.of(), 0, DigestNarrative.Text.NONE, Map.of(), null);
    }
}
