package com.mspanalytics.alerts.slack;

import com.mspanalytics.alerts.Figures;
import com.mspanalytics.kpi.AnomalyView;
import com.mspanalytics.kpi.SeriesAnomaly;
import com.mspanalytics.kpi.SlaBreach;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The Slack message announcing one KPI run's new anomalies (Block Kit): a header, one section per anomaly
 * saying what is anomalous and by how much (count against the baseline, z) with example tickets, and a
 * context line linking to the result. Every piece of data is escaped ({@link SlackText}).
 *
 * @param examples ticket id to summary, for the example tickets the anomalies name
 * @param resultLink where the result can be read, or null
 */
record AnomalyMessage(String tenantName, String kpi, UUID resultId, List<AnomalyView> anomalies,
        Map<Long, String> examples, @Nullable String resultLink, int maxShown) {

    private static final Map<String, String> TITLES = Map.of(
            "ticket-trends", "ticket volume",
            "time-consumption", "hours",
            "soc-metrics", "SOC");
    /** Slack's limit for a section's text is 3000 characters. */
    private static final int SECTION_TEXT_LIMIT = 3000;

    Map<String, Object> payload() {
        String what = TITLES.getOrDefault(kpi, kpi);
        String headline = anomalies.size() + " new " + what + " " + (anomalies.size() == 1 ? "anomaly" : "anomalies")
                + " for " + tenantName;
        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", SlackText.clip(headline, 150))));
        anomalies.stream().limit(maxShown).forEach(a -> blocks.add(section(line(a) + examplesOf(a))));
        if (anomalies.size() > maxShown) {
            blocks.add(section("…and " + (anomalies.size() - maxShown) + " more (GET /anomalies?status=open)."));
        }
        String context = "KPI `" + kpi + "` · result " + resultId
                + (resultLink == null ? "" : " · <" + resultLink + "|open the result>");
        blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text", context))));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("text", SlackText.escape(headline));
        payload.put("blocks", blocks);
        return payload;
    }

    private static Map<String, Object> section(String mrkdwn) {
        return Map.of("type", "section", "text", Map.of("type", "mrkdwn",
                "text", SlackText.clip(mrkdwn, SECTION_TEXT_LIMIT)));
    }

    /** What is anomalous and by how much, from the finding's details. */
    static String line(AnomalyView a) {
        if (a.details() instanceof SlaBreach breach) {
            return slaBreach(breach);
        }
        SeriesAnomaly d = (SeriesAnomaly) a.details();
        String name = "client".equals(a.dimension()) && d.clientName() != null ? a.key() + " (" + d.clientName() + ")"
                : a.key();
        String unit = switch (d.measure()) {
            case HOURS -> " h";
            case EVENTS -> " events";
            case TICKETS -> " tickets";
        };
        StringBuilder line = new StringBuilder()
                .append('*').append(SlackText.escape(a.dimension() + " " + name)).append("* · ")
                .append(SlackText.escape(d.direction())).append(" in ").append(SlackText.escape(a.period())).append(": *")
                .append(Figures.of(d.current())).append(unit).append("* vs baseline ").append(Figures.of(d.baselineMean()))
                .append(" ± ").append(Figures.of(d.baselineStddev()));
        if (d.z() != null) {
            line.append(" (z = ").append(Figures.of(d.z()));
            if (d.changePct() != null) {
                line.append(", ").append(signed(d.changePct())).append(" %");
            }
            line.append(')');
        } else if (d.poissonTail() != null) {
            line.append(" (flat baseline; Poisson p = ").append(d.poissonTail()).append(')');
        }
        return line.toString();
    }

    private static String slaBreach(SlaBreach d) {
        String event = d.severity() + " event " + d.source() + ":" + d.eventId() + " at " + d.client();
        String what;
        if (d.ackBreached()) {
            what = d.ackMinutes() == null
                    ? "not acknowledged after " + Figures.of(d.ageMinutes()) + " min"
                    : "acknowledged after " + Figures.of(d.ackMinutes()) + " min";
            what += " (target " + d.ackTargetMinutes() + " min)";
        } else {
            what = d.resolveMinutes() == null
                    ? "still open after " + Figures.of(d.ageMinutes()) + " min"
                    : "resolved after " + Figures.of(d.resolveMinutes()) + " min";
            what += " (target " + d.resolveTargetMinutes() + " min)";
        }
        return "*SLA breach* · " + SlackText.escape(event) + ": " + what;
    }

    private String examplesOf(AnomalyView a) {
        if (!(a.details() instanceof SeriesAnomaly series) || series.exampleTicketIds().isEmpty()) {
            return "";
        }
        List<String> shown = new ArrayList<>();
        for (long ticket : series.exampleTicketIds()) {
            String summary = examples.get(ticket);
            shown.add("#" + ticket + (summary == null ? "" : " " + SlackText.escape(SlackText.clip(summary, 80))));
        }
        return "\nExample tickets: " + String.join(" · ", shown);
    }

    private static String signed(Object value) {
        String number = Figures.of(value);
        return number.startsWith("-") ? number : "+" + number;
    }
}
