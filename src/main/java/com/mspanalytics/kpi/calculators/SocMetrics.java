package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.Kpi;
import com.mspanalytics.kpi.KpiContext;
import com.mspanalytics.kpi.KpiOutput;
import com.mspanalytics.settings.TenantSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * KPI 12: how security events (SentinelOne threats, Defender alerts) are handled.
 *
 * <p>Events <em>created</em> in the window. Reproducible with {@code asOf}: an acknowledgement or resolution
 * after the window's end is treated as not (yet) having happened. MTTA = acknowledged − created and MTTR =
 * resolved − created, in minutes, median and p90 ({@code percentile_cont}) per severity over the events that
 * have them; an event resolved without an acknowledgement time counts its resolution as its acknowledgement.
 *
 * <p>SLA per severity against the tenant's {@code slaTargets} (severities without a target, by default
 * informational, are not judged). An event breaches when its acknowledgement or its resolution took longer than
 * the target, or when it is still unacknowledged / unresolved and older than the target. "Older" is measured
 * at the time the data describes: the end of the window, or the freshest synced record (latest
 * {@code last_updated} of security events and tickets before the window's end) when that is earlier, so a
 * computation over a window that reaches past the last sync does not age open events into breaches that the
 * data cannot show. Open events still within their targets are {@code pending} and left out of
 * {@code compliance = met / (events − pending)}.
 *
 * <p>Open backlog: every event created before the window's end and not resolved by it, by age bucket
 * (&lt; 1 h, 1–4 h, 4–24 h, 1–7 d, &gt; 7 d) and severity. False-positive rate = false positives / events with
 * a verdict (true positive, false positive, benign; undetermined left out).
 *
 * <p>Client: the ConnectWise company whose name or identifier equals (case-insensitively) the event's
 * {@code client_name} or {@code client_key} (a tenant mapping table does not exist yet), else "unmapped"
 * (rows keep the source's client key so unmapped clients stay apart).
 *
 * <p>Findings: every SLA breach of a critical or high event (dimension {@code sla-breach}, key
 * {@code source:externalId}, period = created date in the tenant's zone), and client event-volume anomalies
 * with KPI 11's rule (dimension {@code client-volume}): the latest complete Monday–Sunday week ending on or
 * before {@code to} against the {@code baselinePeriods} weeks before it (dense, population stddev); anomaly when
 * {@code |z| >= zThreshold} and ({@code count >= minCount} or baseline mean ≥ 5); when stddev is 0, when the
 * Poisson tail probability of the count under the baseline mean is below 0.01 (same count gate).
 */
@Component
class SocMetrics implements Kpi<UntypedResult> {

    static final double POISSON_P = 0.01;

    private final JsonMapper json;

    SocMetrics(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String slug() {
        return "soc-metrics";
    }

    @Override
    public int defaultLookbackDays() {
        return 30;
    }

    @Override
    public Map<String, Object> defaultParams(KpiContext.Settings settings) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("zThreshold", 2.0);
        params.put("minCount", 5);
        params.put("baselinePeriods", 12);
        return params;
    }

    /** The events of the window with their client, SLA targets and minutes; {@code observed} is the aging instant. */
    private static final String EVENTS = """
            WITH observed AS (SELECT CAST(:observed AS timestamptz) AS at),
            targets AS (
                SELECT t.key AS severity, CAST(t.value->>'ack' AS numeric) AS ack_target,
                       CAST(t.value->>'resolve' AS numeric) AS resolve_target
                FROM jsonb_each(CAST(:targets AS jsonb)) t),
            ev AS (
                SELECT e.source, e.external_id, e.severity, e.classification, e.client_key, e.client_name, e.created_at,
                       CASE WHEN e.resolved_at < :end THEN e.resolved_at END AS res_at,
                       CASE WHEN e.acknowledged_at < :end THEN e.acknowledged_at
                            WHEN e.resolved_at < :end THEN e.resolved_at END AS ack_at,
                       co.id AS company_id, co.identifier, co.name AS company_name,
                       coalesce(co.identifier, 'unmapped:' || e.source || ':' || coalesce(e.client_key, e.client_name, ''))
                           AS client_id
                FROM security_events e
                LEFT JOIN LATERAL (
                    SELECT c.id, c.identifier, c.name FROM cw_companies c
                    WHERE c.deleted_at IS NULL
                      AND (lower(c.name) IN (lower(e.client_name), lower(e.client_key))
                           OR lower(c.identifier) IN (lower(e.client_name), lower(e.client_key)))
                    ORDER BY c.id LIMIT 1) co ON true
                WHERE e.created_at >= :from AND e.created_at < :end),
            sla AS (
                SELECT ev.*, t.ack_target, t.resolve_target,
                       extract(epoch FROM ev.ack_at - ev.created_at) / 60 AS ack_minutes,
                       extract(epoch FROM ev.res_at - ev.created_at) / 60 AS resolve_minutes,
                       greatest(extract(epoch FROM o.at - ev.created_at) / 60, 0) AS age_minutes
                FROM ev CROSS JOIN observed o LEFT JOIN targets t ON t.severity = ev.severity),
            judged AS (
                SELECT sla.*,
                       coalesce(coalesce(ack_minutes, age_minutes) > ack_target, false) AS ack_breach,
                       coalesce(coalesce(resolve_minutes, age_minutes) > resolve_target, false) AS resolve_breach
                FROM sla)
            """;

    @Override
    public Class<UntypedResult> resultType() {
        return UntypedResult.class;
    }

    @Override
    public KpiOutput<UntypedResult> compute(KpiContext context) {
        TenantSettings tenant = context.settings().tenant();
        java.sql.Timestamp observed = context.jdbc().sql("""
                SELECT least(CAST(:end AS timestamptz), greatest(
                    (SELECT max(last_updated) FROM security_events WHERE last_updated < :end),
                    (SELECT max(last_updated) FROM cw_tickets WHERE last_updated < :end)))
                """).param("end", java.sql.Timestamp.from(context.end())).query(java.sql.Timestamp.class).optional()
                .orElse(java.sql.Timestamp.from(context.end()));
        Map<String, Object> summary = new LinkedHashMap<>();
        List<KpiOutput.Finding> findings = new ArrayList<>();

        Map<String, Object> bySeverity = new LinkedHashMap<>();
        Map<String, Object> mtta = new LinkedHashMap<>();
        Map<String, Object> mttr = new LinkedHashMap<>();
        Map<String, Object> compliance = new LinkedHashMap<>();
        long[] total = {0};
        sql(context, observed, EVENTS + """
                SELECT severity, count(*) AS n,
                       count(ack_minutes) AS acked, count(resolve_minutes) AS resolved,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY ack_minutes) AS mtta_median,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY ack_minutes) AS mtta_p90,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY resolve_minutes) AS mttr_median,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY resolve_minutes) AS mttr_p90,
                       min(ack_target) AS ack_target, min(resolve_target) AS resolve_target,
                       count(*) FILTER (WHERE ack_breach) AS ack_breaches,
                       count(*) FILTER (WHERE resolve_breach) AS resolve_breaches,
                       count(*) FILTER (WHERE ack_breach OR resolve_breach) AS breaches,
                       count(*) FILTER (WHERE NOT ack_breach AND NOT resolve_breach AND res_at IS NULL) AS pending
                FROM judged
                GROUP BY severity
                ORDER BY array_position(ARRAY['critical', 'high', 'medium', 'low', 'informational'], severity)
                """).query((rs, n) -> {
                    String severity = rs.getString("severity");
                    long events = rs.getLong("n");
                    total[0] += events;
                    bySeverity.put(severity, events);
                    mtta.put(severity, stats(rs, "mtta", rs.getLong("acked")));
                    mttr.put(severity, stats(rs, "mttr", rs.getLong("resolved")));
                    if (rs.getObject("ack_target") != null) {
                        long breaches = rs.getLong("breaches"), pending = rs.getLong("pending");
                        long judged = events - pending;
                        Map<String, Object> sla = new LinkedHashMap<>();
                        sla.put("n", events);
                        sla.put("ackTargetMinutes", rs.getInt("ack_target"));
                        sla.put("resolveTargetMinutes", rs.getInt("resolve_target"));
                        sla.put("ackBreaches", rs.getLong("ack_breaches"));
                        sla.put("resolveBreaches", rs.getLong("resolve_breaches"));
                        sla.put("breaches", breaches);
                        sla.put("pending", pending);
                        sla.put("met", judged - breaches);
                        sla.put("compliance", judged == 0 ? null : ratio(judged - breaches, judged));
                        compliance.put(severity, sla);
                    }
                    return severity;
                }).list();

        Map<String, Map<String, Object>> counts = new LinkedHashMap<>();
        counts.put("source", new LinkedHashMap<>());
        counts.put("classification", new LinkedHashMap<>());
        counts.put("client", new LinkedHashMap<>());
        sql(context, observed, EVENTS + """
                SELECT CASE WHEN GROUPING(source) = 0 THEN 'source' WHEN GROUPING(classification) = 0 THEN 'classification'
                            ELSE 'client' END AS dimension,
                       coalesce(source, classification, coalesce(company_name, 'unmapped')) AS key, count(*) AS n
                FROM judged
                GROUP BY GROUPING SETS ((source), (classification), (coalesce(company_name, 'unmapped')))
                ORDER BY dimension, n DESC, key
                """).query((rs, n) -> counts.get(rs.getString("dimension")).put(rs.getString("key"), rs.getLong("n")))
                .list();

        summary.put("events", total[0]);
        summary.put("bySeverity", bySeverity);
        summary.put("bySource", counts.get("source"));
        summary.put("byClassification", counts.get("classification"));
        summary.put("byClient", counts.get("client"));
        summary.put("mttaMinutes", mtta);
        summary.put("mttrMinutes", mttr);
        summary.put("slaCompliance", compliance);
        Map<String, Object> classes = counts.get("classification");
        long fp = number(classes.get("false_positive"));
        long verdicts = fp + number(classes.get("true_positive")) + number(classes.get("benign"));
        summary.put("falsePositiveRate", verdicts == 0 ? null : ratio(fp, verdicts));
        summary.put("falsePositiveN", verdicts);
        summary.put("agedTo", observed.toInstant().toString());
        summary.put("openBacklog", backlog(context, observed));

        List<Map<String, Object>> breaches = sql(context, observed, EVENTS + """
                SELECT j.*, to_char(j.created_at AT TIME ZONE :zone, 'YYYY-MM-DD') AS created_day
                FROM judged j
                WHERE j.severity IN ('critical', 'high') AND (j.ack_breach OR j.resolve_breach)
                ORDER BY array_position(ARRAY['critical', 'high'], j.severity), j.created_at, j.source, j.external_id
                """).query((rs, n) -> {
                    Map<String, Object> b = new LinkedHashMap<>();
                    b.put("source", rs.getString("source"));
                    b.put("eventId", rs.getString("external_id"));
                    b.put("severity", rs.getString("severity"));
                    b.put("client", clientLabel(rs));
                    b.put("clientIdentifier", rs.getString("identifier"));
                    b.put("createdAt", rs.getTimestamp("created_at").toInstant().toString());
                    b.put("ackMinutes", minutes(rs, "ack_minutes"));
                    b.put("resolveMinutes", minutes(rs, "resolve_minutes"));
                    b.put("ageMinutes", minutes(rs, "age_minutes"));
                    b.put("ackTargetMinutes", rs.getInt("ack_target"));
                    b.put("resolveTargetMinutes", rs.getInt("resolve_target"));
                    b.put("ackBreached", rs.getBoolean("ack_breach"));
                    b.put("resolveBreached", rs.getBoolean("resolve_breach"));
                    b.put("open", rs.getObject("res_at") == null);
                    findings.add(new KpiOutput.Finding("sla-breach", rs.getString("source") + ":" + rs.getString("external_id"),
                            rs.getString("created_day"), b));
                    return b;
                }).list();
        summary.put("slaBreaches", breaches);

        List<Map<String, Object>> volume = volumeAnomalies(context);
        for (Map<String, Object> anomaly : volume) {
            findings.add(new KpiOutput.Finding("client-volume", (String) anomaly.get("clientKey"),
                    (String) anomaly.get("period"), anomaly));
        }
        summary.put("volumeAnomalies", volume);

        List<Map<String, Object>> rows = sql(context, observed, EVENTS + """
                SELECT client_id, min(identifier) AS identifier, min(company_name) AS company_name,
                       min(source) AS source, min(client_key) AS client_key, min(client_name) AS client_name,
                       count(*) AS events,
                       count(*) FILTER (WHERE severity IN ('critical', 'high')) AS critical_high,
                       count(*) FILTER (WHERE ack_breach OR resolve_breach) AS breaches,
                       count(*) FILTER (WHERE res_at IS NULL) AS open,
                       count(*) FILTER (WHERE classification = 'false_positive') AS false_positives
                FROM judged
                GROUP BY client_id
                ORDER BY breaches DESC, critical_high DESC, events DESC, client_id
                """).query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("client", rs.getString("company_name") != null ? rs.getString("company_name") : "unmapped");
                    row.put("clientIdentifier", rs.getString("identifier"));
                    if (rs.getString("identifier") == null) {
                        row.put("sourceClient", rs.getString("source") + ":" + rs.getString("client_key")
                                + (rs.getString("client_name") != null ? " (" + rs.getString("client_name") + ")" : ""));
                    }
                    row.put("events", rs.getLong("events"));
                    row.put("criticalHigh", rs.getLong("critical_high"));
                    row.put("slaBreaches", rs.getLong("breaches"));
                    row.put("open", rs.getLong("open"));
                    row.put("falsePositives", rs.getLong("false_positives"));
                    return row;
                }).list();
        return new KpiOutput<>(new UntypedResult(summary, rows), findings);
    }

    private Map<String, Object> backlog(KpiContext context, java.sql.Timestamp observed) {
        Map<String, Object> buckets = new LinkedHashMap<>();
        for (String bucket : List.of("<1h", "1-4h", "4-24h", "1-7d", ">7d")) {
            buckets.put(bucket, 0L);
        }
        Map<String, Object> bySeverity = new LinkedHashMap<>();
        long[] open = {0};
        sql(context, observed, """
                WITH observed AS (SELECT CAST(:observed AS timestamptz) AS at),
                open_events AS (
                    SELECT e.severity, extract(epoch FROM o.at - e.created_at) / 3600 AS age_hours
                    FROM security_events e CROSS JOIN observed o
                    WHERE e.created_at < :end AND (e.resolved_at IS NULL OR e.resolved_at >= :end))
                SELECT CASE WHEN age_hours < 1 THEN '<1h' WHEN age_hours < 4 THEN '1-4h' WHEN age_hours < 24 THEN '4-24h'
                            WHEN age_hours < 168 THEN '1-7d' ELSE '>7d' END AS bucket, severity, count(*) AS n
                FROM open_events
                GROUP BY 1, 2
                """).query((rs, n) -> {
                    long count = rs.getLong("n");
                    open[0] += count;
                    buckets.merge(rs.getString("bucket"), count, (a, b) -> (Long) a + (Long) b);
                    bySeverity.merge(rs.getString("severity"), count, (a, b) -> (Long) a + (Long) b);
                    return count;
                }).list();
        Map<String, Object> backlog = new LinkedHashMap<>();
        backlog.put("open", open[0]);
        backlog.put("byAge", buckets);
        backlog.put("bySeverity", bySeverity);
        return backlog;
    }

    /** KPI 11's rule on weekly event counts per client (dense series; population stddev). */
    private List<Map<String, Object>> volumeAnomalies(KpiContext context) {
        int baseline = context.integer("baselinePeriods");
        LocalDate lastSunday = context.to().with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        LocalDate current = lastSunday.minusDays(6);
        LocalDate first = current.minusWeeks(baseline);
        double zThreshold = context.number("zThreshold");
        int minCount = context.integer("minCount");
        List<Map<String, Object>> anomalies = new ArrayList<>();
        context.jdbc().sql("""
                WITH ev AS (
                    SELECT ((e.created_at AT TIME ZONE :zone)::date - CAST(:first AS date)) / 7 AS week,
                           coalesce(co.identifier, 'unmapped:' || e.source || ':' || coalesce(e.client_key, e.client_name, ''))
                               AS client_id,
                           coalesce(co.name, 'unmapped') AS client
                    FROM security_events e
                    LEFT JOIN LATERAL (
                        SELECT c.identifier, c.name FROM cw_companies c
                        WHERE c.deleted_at IS NULL
                          AND (lower(c.name) IN (lower(e.client_name), lower(e.client_key))
                               OR lower(c.identifier) IN (lower(e.client_name), lower(e.client_key)))
                        ORDER BY c.id LIMIT 1) co ON true
                    WHERE e.created_at >= :seriesStart AND e.created_at < :seriesEnd),
                clients AS (SELECT client_id, min(client) AS client FROM ev GROUP BY client_id),
                dense AS (
                    SELECT c.client_id, c.client, w.week, count(ev.week) AS n
                    FROM clients c
                    CROSS JOIN generate_series(0, :baseline) AS w(week)
                    LEFT JOIN ev ON ev.client_id = c.client_id AND ev.week = w.week
                    GROUP BY c.client_id, c.client, w.week)
                SELECT client_id, client,
                       sum(n) FILTER (WHERE week = :baseline) AS current,
                       avg(n) FILTER (WHERE week < :baseline) AS mean,
                       stddev_pop(n) FILTER (WHERE week < :baseline) AS stddev,
                       array_agg(n ORDER BY week) AS series
                FROM dense
                GROUP BY client_id, client
                ORDER BY client_id
                """)
                .param("zone", context.zone().getId())
                .param("first", first)
                .param("baseline", baseline)
                .param("seriesStart", java.sql.Timestamp.from(first.atStartOfDay(context.zone()).toInstant()))
                .param("seriesEnd", java.sql.Timestamp.from(lastSunday.plusDays(1).atStartOfDay(context.zone()).toInstant()))
                .query((rs, n) -> {
                    long count = rs.getLong("current");
                    double mean = rs.getDouble("mean");
                    double stddev = rs.getDouble("stddev");
                    boolean bigEnough = count >= minCount || mean >= 5;
                    Double z = stddev > 1e-9 ? (count - mean) / stddev : null;
                    Double p = z == null ? poissonTail(count, mean) : null;
                    boolean anomaly = bigEnough && (z != null ? Math.abs(z) >= zThreshold : p < POISSON_P);
                    if (anomaly) {
                        Map<String, Object> a = new LinkedHashMap<>();
                        a.put("clientKey", rs.getString("client_id"));
                        a.put("client", rs.getString("client"));
                        a.put("period", String.format("%d-W%02d", current.get(IsoFields.WEEK_BASED_YEAR),
                                current.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
                        a.put("weekStart", current.toString());
                        a.put("count", count);
                        a.put("baselineMean", round(mean));
                        a.put("stddev", round(stddev));
                        a.put("z", z == null ? null : round(z));
                        a.put("poissonP", p);
                        a.put("direction", count > mean ? "spike" : "drop");
                        a.put("series", List.of((Long[]) rs.getArray("series").getArray()));
                        anomalies.add(a);
                    }
                    return count;
                }).list();
        return anomalies;
    }

    /** P(X >= count) for a spike (count above mean), P(X <= count) for a drop, X ~ Poisson(mean). */
    static double poissonTail(long count, double mean) {
        if (mean <= 0) {
            return count > 0 ? 0.0 : 1.0;
        }
        double term = Math.exp(-mean), below = 0;   // P(X = k), P(X < count)
        for (long k = 0; k < count; k++) {
            below += term;
            term *= mean / (k + 1);
        }
        return count > mean ? Math.max(0, 1 - below) : Math.min(1, below + term);
    }

    private JdbcClient.StatementSpec sql(KpiContext context, java.sql.Timestamp observed, String sql) {
        return context.jdbc().sql(sql)
                .param("observed", observed)
                .param("from", java.sql.Timestamp.from(context.start()))
                .param("end", java.sql.Timestamp.from(context.end()))
                .param("zone", context.zone().getId())
                .param("targets", targetsJson(context.settings().tenant()));
    }

    private String targetsJson(TenantSettings tenant) {
        Map<String, Object> targets = new LinkedHashMap<>();
        tenant.slaTargets().forEach((severity, t) -> targets.put(severity,
                Map.of("ack", t.acknowledgeMinutes(), "resolve", t.resolveMinutes())));
        return json.writeValueAsString(targets);
    }

    private static Map<String, Object> stats(ResultSet rs, String prefix, long n) throws SQLException {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("n", n);
        stats.put("median", minutes(rs, prefix + "_median"));
        stats.put("p90", minutes(rs, prefix + "_p90"));
        return stats;
    }

    private static BigDecimal minutes(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }

    private static String clientLabel(ResultSet rs) throws SQLException {
        return rs.getString("company_name") != null ? rs.getString("company_name") : "unmapped";
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static BigDecimal ratio(long part, long whole) {
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
