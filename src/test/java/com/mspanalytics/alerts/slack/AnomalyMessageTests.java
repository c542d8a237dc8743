package com.mspanalytics.alerts.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.kpi.AnomalyDetails;
import com.mspanalytics.kpi.AnomalyView;
import com.mspanalytics.kpi.SeriesAnomaly;
import com.mspanalytics.kpi.SlaBreach;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The lines of the Slack message for each kind of anomaly, and the limits Slack puts on a message. */
class AnomalyMessageTests {

    @Test
    void hoursTrendsSayHoursBaselineZAndChange() {
        var details = new SeriesAnomaly(SeriesAnomaly.Measure.HOURS, new BigDecimal("80.5"), new BigDecimal("20.125"),
                new BigDecimal("5.0"), new BigDecimal("12.075"), new BigDecimal("300.0"), null, "rising", "Acme Dental",
                List.of());

        assertThat(AnomalyMessage.line(anomaly("time-consumption", "client", "ACME", details)))
                .isEqualTo("*client ACME (Acme Dental)* · rising in 2026-W47: *80.5 h* vs baseline 20.13 ± 5 "
                        + "(z = 12.08, +300 %)");
    }

    @Test
    void aFlatBaselineQuotesThePoissonTail() {
        var details = new SeriesAnomaly(SeriesAnomaly.Measure.TICKETS, new BigDecimal("6"), new BigDecimal("1.0"),
                new BigDecimal("0.0"), null, null, 0.0006, "spike", null, List.of());

        assertThat(AnomalyMessage.line(anomaly("ticket-trends", "domain", "Hardware", details)))
                .isEqualTo("*domain Hardware* · spike in 2026-W47: *6 tickets* vs baseline 1 ± 0 "
                        + "(flat baseline; Poisson p = 6.0E-4)");
    }

    @Test
    void slaBreachesSayWhichTargetWasMissedAndByHowMuch() {
        Instant created = Instant.parse("2026-11-20T10:00:00Z");
        var late = new SlaBreach("sentinelone", "abc", "critical", "Contoso <Ltd>", null, created, new BigDecimal("45.0"),
                new BigDecimal("300"), null, 15, 240, true, false, false);
        var open = new SlaBreach("defender", "x1", "high", "Fabrikam", null, created, new BigDecimal("5.0"), null,
                new BigDecimal("1500.0"), 60, 1440, false, true, true);

        assertThat(AnomalyMessage.line(anomaly("soc-metrics", "sla-breach", "sentinelone:abc", late)))
                .isEqualTo("*SLA breach* · critical event sentinelone:abc at Contoso &lt;Ltd&gt;: acknowledged after "
                        + "45 min (target 15 min)");
        assertThat(AnomalyMessage.line(anomaly("soc-metrics", "sla-breach", "defender:x1", open)))
                .isEqualTo("*SLA breach* · high event defender:x1 at Fabrikam: still open after 1500 min (target 1440 min)");
    }

    @Test
    void showsAtMostTheLimitAndCountsTheRest() {
        var details = new SeriesAnomaly(SeriesAnomaly.Measure.TICKETS, new BigDecimal("9"), new BigDecimal("2.75"),
                new BigDecimal("0.8292"), new BigDecimal("7.5378"), null, null, "spike", null, List.of());
        List<AnomalyView> twelve = java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> anomaly("ticket-trends", "client", "C" + i, details)).toList();

        Map<String, Object> payload = new AnomalyMessage("Demo MSP", "ticket-trends", UUID.randomUUID(), twelve, Map.of(),
                "https://analytics.example.com/kpi/ticket-trends/results", 10).payload();

        List<?> blocks = (List<?>) payload.get("blocks");
        assertThat(blocks).hasSize(1 + 10 + 1 + 1);   // header, 10 anomalies, "…and 2 more", context
        assertThat(blocks.get(11).toString()).contains("…and 2 more");
        assertThat(blocks.get(12).toString()).contains("<https://analytics.example.com/kpi/ticket-trends/results|open the result>");
        assertThat(payload.get("text")).isEqualTo("12 new ticket volume anomalies for Demo MSP");
    }

    @Test
    void dataCannotMentionTheChannelOrInjectLinks() {
        assertThat(SlackText.escape("<!channel> & <https://evil|click> @here @Everyone"))
                .isEqualTo("&lt;!channel&gt; &amp; &lt;https://evil|click&gt; @\u2060here @\u2060Everyone");
    }

    private static AnomalyView anomaly(String kpi, String dimension, String key, AnomalyDetails details) {
        return new AnomalyView(kpi, dimension, key, "2026-W47", "open", details, UUID.randomUUID(), OffsetDateTime.now(), null, null, null);
    }
}
