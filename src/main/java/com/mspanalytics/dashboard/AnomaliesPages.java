package com.mspanalytics.dashboard;

import com.mspanalytics.kpi.KpiCatalog;
import com.mspanalytics.kpi.AnomalyDetails;
import com.mspanalytics.kpi.AnomalyView;
import com.mspanalytics.kpi.KpiService;
import com.mspanalytics.kpi.SeriesAnomaly;
import com.mspanalytics.kpi.SlaBreach;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The inbox from the stored anomalies, and acknowledging one with a note. */
@Component
class AnomaliesPages {

    static final int LIMIT = 500;

    private final KpiService kpis;
    private final JdbcClient jdbc;
    private final Clock clock;

    AnomaliesPages(KpiService kpis, JdbcClient jdbc, Clock clock) {
        this.kpis = kpis;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    AnomaliesPage build(String status, @Nullable String kpi, PageFilter filter, boolean canAcknowledge,
            @Nullable String flash) {
        String statusFilter = switch (status) {
            case "open", "acknowledged" -> status;
            default -> null;
        };
        List<String> client = filter.client() == null ? List.of() : client(filter.client());
        String kpiFilter = kpi != null && KpiCatalog.find(kpi).isPresent() ? kpi : null;
        List<AnomaliesPage.Row> rows = kpis.anomalies(statusFilter, LIMIT).stream()
                .filter(a -> kpiFilter == null || a.kpi().equals(kpiFilter))
                .filter(a -> filter.contains(day(a)))
                .filter(a -> filter.client() == null || names(a, client))
                .map(this::row).toList();
        return new AnomaliesPage(statusFilter == null ? "all" : statusFilter, kpiFilter, KpiCatalog.ALL, rows, canAcknowledge, flash);
    }

    /**
     * The KPI's page as it stood at the anomaly's period: the result computed for a day up to a week after it,
     * whose chart and rows show the flagged period.
     */
    private String evidence(AnomalyView a) {
        LocalDate day = day(a);
        LocalDate today = LocalDate.now(clock);
        LocalDate to = day.plusDays(6).isAfter(today) ? today : day.plusDays(6);
        return "/app/kpi/" + a.kpi() + "?range=custom&from=" + to.minusWeeks(13).plusDays(1) + "&to=" + to;
    }

    /** The day an anomaly is about: its period (a date, or a week's first day), else when it was first seen. */
    private static LocalDate day(AnomalyView a) {
        try {
            return LocalDate.parse(a.period().length() >= 10 ? a.period().substring(0, 10) : a.period());
        } catch (DateTimeParseException e) {
            return a.firstSeenAt().toLocalDate();
        }
    }

    /** The chosen client's identifier and name: what anomalies name a client by. */
    private List<String> client(long id) {
        return jdbc.sql("SELECT identifier, name FROM cw_companies WHERE id = :id").param("id", id)
                .query((rs, n) -> List.of(String.valueOf(rs.getString("identifier")), String.valueOf(rs.getString("name"))))
                .optional().orElse(List.of());
    }

    private static boolean names(AnomalyView a, List<String> client) {
        return client.contains(a.key()) || client.stream().anyMatch(c -> a.key().startsWith(c + "|") || a.key().startsWith(c + ":"))
                || (a.details() instanceof SlaBreach b && client.contains(b.client()));
    }

    /** The open anomalies that name the client (by identifier or name), for its page. */
    @Transactional(readOnly = true)
    List<AnomaliesPage.Row> openAbout(String identifier, String name) {
        List<String> client = List.of(identifier, name);
        return kpis.anomalies("open", LIMIT).stream().filter(a -> names(a, client)).map(this::row).toList();
    }

    /** @return false when the tenant has no such anomaly */
    @Transactional
    boolean acknowledge(String kpi, String dimension, String key, String period, String by, String note) {
        return kpis.acknowledge(kpi, dimension, key, period, by, note);
    }

    private AnomaliesPage.Row row(AnomalyView a) {
        String title = KpiCatalog.find(a.kpi()).map(KpiCatalog.Entry::title).orElse(a.kpi());
        return new AnomaliesPage.Row(a.kpi(), title, a.dimension(), a.key(), a.period(), a.status(), what(a.details()),
                Formats.age(a.firstSeenAt().toInstant(), clock.instant()),
                a.acknowledgedAt() == null ? null : Formats.age(a.acknowledgedAt().toInstant(), clock.instant())
                        + (a.acknowledgedBy() == null ? "" : " by " + a.acknowledgedBy()),
                a.acknowledgementNote(), evidence(a));
    }

    /** The figures in words: a series against its usual level, or the SOC target missed. */
    static String what(AnomalyDetails details) {
        if (details instanceof SeriesAnomaly s) {
            return plain(s.current()) + " " + s.measure().name().toLowerCase(java.util.Locale.ROOT) + " vs a usual "
                    + plain(s.baselineMean())
                    + (s.z() == null ? "" : " (z " + plain(s.z()) + ")") + ", " + s.direction();
        }
        SlaBreach b = (SlaBreach) details;
        String ack = b.ackMinutes() == null ? "not acknowledged" : "acknowledged after " + plain(b.ackMinutes()) + " min";
        return b.severity() + " " + b.source() + " event " + b.eventId() + " at " + b.client() + ": " + ack
                + " (target " + b.ackTargetMinutes() + " min)";
    }

    private static String plain(@Nullable BigDecimal value) {
        return value == null ? "–" : Formats.decimal(value, value.scale() > 0 ? 1 : 0);
    }
}
