package com.mspanalytics.alerts.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.kpi.AnomalyView;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The lines of the Slack message for each kind of anomaly, and the limits Slack puts on a message. */
class AnomalyMessageTests {

    @Test
    void hoursTrendsSayHoursBaselineZAndChange() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("clientName", "Acme Dental");
        details.put("currentHours", 80.5);
        details.put("baselineMean", 20.125);
        details.put("baselineStddev", 5.0);
        details.put("z", 12.075);
        details.put("changePct", 300.0);
        details.put("trend", "rising");

        assertThat(AnomalyMessage.line(anomaly("time-consumption", "client", "ACME", details)))
                .isEqualTo("*client ACME (Acme Dental)* · rising in 2026-W47: *80.5 h* vs baseline 20.13 ± 5 "
                        + "(z = 12.08, +300 %)");
    }

    @Test
    void aFlatBaselineQuotesThePoissonTail() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("count", 6);
        details.put("baselineMean", 1.0);
        details.put("baselineStddev", 0.0);
        details.put("z", null);
        details.put("poissonTail", 0.0006);
        details.put("direction", "spike");

        assertThat(AnomalyMessage.line(anomaly("ticket-trends", "domain", "Hardware", details)))
                .isEqualTo("*domain Hardware* · spike in 2026-W47: *6 tickets* vs baseline 1 ± 0 "
                        + "(flat baseline; Poisson p = 6.0E-4)");
    }

    @Test
    void slaBreachesSayWhichTargetWasMissedAndByHowMuch() {
        Map<String, Object> late = new LinkedHashMap<>();
        late.put("severity", "critical");
        late.put("client", "Contoso <Ltd>");
        late.put("ackMinutes", 45.0);
        late.put("ackTargetMinutes", 15);
        late.put("ackBreached", true);
        Map<String, Object> open = new LinkedHashMap<>();
        open.put("severity", "high");
        open.put("client", "Fabrikam");
        open.put("ackMinutes", 5.0);
        open.put("resolveMinutes", null);
        open.put("ageMinutes", 1500.0);
        open.put("resolveTargetMinutes", 1440);
        open.put("ackBreached", false);

        assertThat(AnomalyMessage.line(anomaly("soc-metrics", "sla-breach", "sentinelone:abc", late)))
                .isEqualTo("*SLA breach* · critical event sentinelone:abc at Contoso &lt;Ltd&gt;: acknowledged after "
                        + "45 min (target 15 min)");
        assertThat(AnomalyMessage.line(anomaly("soc-metrics", "sla-breach", "defender:x1", open)))
                .isEqualTo("*SLA breach* · high event defender:x1 at Fabrikam: still open after 1500 min (target 1440 min)");
    }

    @Test
    void showsAtMostTheLimitAndCountsTheRest() {
        Map<String, Object> details = Map.of("count", 9, "baselineMean", 2.75, "baselineStddev", 0.8292, "z", 7.5378,
                "direction", "spike");
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

    private static AnomalyView anomaly(String kpi, String dimension, String key, Map<String, Object> details) {
        return new AnomalyView(kpi, dimension, key, "2026-W47", "open", details, UUID.randomUUID(), OffsetDateTime.now(), null);
    }
}
