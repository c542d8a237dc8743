package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.Kpi;
import com.mspanalytics.kpi.KpiContext;
import com.mspanalytics.kpi.KpiOutput;
import com.mspanalytics.kpi.SlaBreach;
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
class SocMetrics implements Kpi<SocMetricsResult> {

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
    public TenantSettings.KpiTarget defaultTarget() {
        return new TenantSettings.KpiTarget(new BigDecimal("0.95"), new BigDecimal("0.90"));
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
    public Class<SocMetricsResult> resultType() {
        return SocMetricsResult.class;
    }

    @Override
    public KpiOutput<SocMetricsResult> compute(KpiContext context) {
        TenantSettings tenant = context.settings().tenant();
        java.sql.Timestamp observed = context.jdbc().sql("""
                SELECT least(CAST(:end AS timestamptz), greatest(
                    (SELECT max(last_updated) FROM security_events WHERE last_updated < :end),
                    (SELECT max(last_updated) FROM cw_tickets WHERE last_updated < :end)))
                """).param("end", java.sql.Timestamp.from(context.end())).query(java.sql.Timestamp.class).optional()
                .orElse(java.sql.Timestamp.from(context.end()));
        List<KpiOutput.Finding> findings = new ArrayList<>();

        Map<String, Long> bySeverity = new LinkedHashMap<>();
        Map<String, SocMetricsResult.Times> mtta = new LinkedHashMap<>();
        Map<String, SocMetricsResult.Times> mttr = new LinkedHashMap<>();
        Map<String, SocMetricsResult.Sla> compliance = new LinkedHashMap<>();
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
                        compliance.put(severity, new SocMetricsResult.Sla(events, rs.getInt("ack_target"),
                                rs.getInt("resolve_target"), rs.getLong("ack_breaches"), rs.getLong("resolve_breaches"),
                                breaches, pending, judged - breaches,
                                judged == 0 ? null : ratio(judged - breaches, judged)));
                    }
                    return severity;
                }).list();

        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
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

        Map<String, Long> classes = counts.get("classification");
        long fp = classes.getOrDefault("false_positive", 0L);
        long verdicts = fp + classes.getOrDefault("true_positive", 0L) + classes.getOrDefault("benign", 0L);

        List<SlaBreach> breaches = sql(context, observed, EVENTS + """
                SELECT j.*, to_char(j.created_at AT TIME ZONE :zone, 'YYYY-MM-DD') AS created_day
                FROM judged j
                WHERE j.severity IN ('critical', 'high') AND (j.ack_breach OR j.resolve_breach)
                ORDER BY array_position(ARRAY['critical', 'high'], j.severity), j.created_at, j.source, j.external_id
                """).query((rs, n) -> {
                    var b = new SlaBreach(rs.getString("source"), rs.getString("external_id"),
                            rs.getString("severity"), clientLabel(rs), rs.getString("identifier"),
                            rs.getTimestamp("created_at").toInstant(), minutes(rs, "ack_minutes"),
                            minutes(rs, "resolve_minutes"), minutes(rs, "age_minutes"), rs.getInt("ack_target"),
                            rs.getInt("resolve_target"), rs.getBoolean("ack_breach"), rs.getBoolean("resolve_breach"),
                            rs.getObject("res_at") == null);
                    findings.add(new KpiOutput.Finding("sla-breach", rs.getString("source") + ":" + rs.getString("external_id"),
                            rs.getString("created_day"), b));
                    return b;
                }).list();
        List<SocMetricsResult.VolumeAnomaly> volume = volumeAnomalies(context);
        for (SocMetricsResult.VolumeAnomaly anomaly : volume) {
            findings.add(new KpiOutput.Finding("client-volume", anomaly.clientKey(), anomaly.period(), anomaly.details()));
        }
        var summary = new SocMetricsResult.Summary(total[0], bySeverity, counts.get("source"),
                counts.get("classification"), counts.get("client"), mtta, mttr, compliance,
                verdicts == 0 ? null : ratio(fp, verdicts), verdicts, observed.toInstant(), backlog(context, observed),
                breaches, volume);

        List<SocMetricsResult.Client> rows = sql(context, observed, EVENTS + """
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
                    String identifier = rs.getString("identifier");
                    return new SocMetricsResult.Client(
                            rs.getString("company_name") != null ? rs.getString("company_name") : "unmapped", identifier,
                            identifier != null ? null : rs.getString("source") + ":" + rs.getString("client_key")
                                    + (rs.getString("client_name") != null ? " (" + rs.getString("client_name") + ")" : ""),
                            rs.getLong("events"), rs.getLong("critical_high"), rs.getLong("breaches"), rs.getLong("open"),
                            rs.getLong("false_positives"));
                }).list();
        return new KpiOutput<>(new SocMetricsResult(summary, rows), findings);
    }

    private SocMetricsResult.Backlog backlog(KpiContext context, java.sql.Timestamp observed) {
        Map<String, Long> buckets = new LinkedHashMap<>();
        for (String bucket : List.of("<1h", "1-4h", "4-24h", "1-7d", ">7d")) {
            buckets.put(bucket, 0L);
        }
        Map<String, Long> bySeverity = new LinkedHashMap<>();
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
                    buckets.merge(rs.getString("bucket"), count, Long::sum);
                    bySeverity.merge(rs.getString("severity"), count, Long::sum);
                    return count;
                }).list();
        return new SocMetricsResult.Backlog(open[0], buckets, bySeverity);
    }

    /** KPI 11's rule on weekly event counts per client (dense series; population stddev). */
    private List<SocMetricsResult.VolumeAnomaly> volumeAnomalies(KpiContext context) {
        int baseline = context.integer("baselinePeriods");
        LocalDate lastSunday = context.to().with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        LocalDate current = lastSunday.minusDays(6);
        LocalDate first = current.minusWeeks(baseline);
        double zThreshold = context.number("zThreshold");
        int minCount = context.integer("minCount");
        List<SocMetricsResult.VolumeAnomaly> anomalies = new ArrayList<>();
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
                    Double p = z == null ? Statistics.poissonTail(count, mean) : null;
                    boolean anomaly = bigEnough && (z != null ? Math.abs(z) >= zThreshold : p < POISSON_P);
                    if (anomaly) {
                        anomalies.add(new SocMetricsResult.VolumeAnomaly(rs.getString("client_id"), rs.getString("client"),
                                String.format("%d-W%02d", current.get(IsoFields.WEEK_BASED_YEAR),
                                        current.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                                current, count, Statistics.round4(mean), Statistics.round4(stddev),
                                z == null ? null : Statistics.round4(z), p, count > mean ? "spike" : "drop",
                                List.of((Long[]) rs.getArray("series").getArray())));
                    }
                    return count;
                }).list();
        return anomalies;
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

    private static SocMetricsResult.Times stats(ResultSet rs, String prefix, long n) throws SQLException {
        return new SocMetricsResult.Times(n, minutes(rs, prefix + "_median"), minutes(rs, prefix + "_p90"));
    }

    private static BigDecimal minutes(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }

    private static String clientLabel(ResultSet rs) throws SQLException {
        return rs.getString("company_name") != null ? rs.getString("company_name") : "unmapped";
    }

    private static BigDecimal ratio(long part, long whole) {
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

}
