package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.Kpi;
import com.mspanalytics.kpi.KpiContext;
import com.mspanalytics.kpi.KpiOutput;
import com.mspanalytics.settings.TenantSettings;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * KPI 11: which client / domain / client×domain ticket volumes are anomalous in the latest complete period.
 *
 * <p>Counts tickets entered (not deleted) per period of the tenant's time zone: ISO weeks Monday–Sunday
 * ({@code granularity=week}, default) or days. The judged period is the latest complete one, i.e. the last
 * whole period ending on or before the window's {@code to}; its baseline is the {@code baselinePeriods}
 * periods right before it, whatever the window's {@code from} (the default 91-day lookback is only what
 * is echoed). Series are dense: every key with at least one ticket in those periods gets every period,
 * empty ones as 0. Keys: the client's identifier (its name when it has none), the domain, and
 * "client|domain".
 *
 * <p>Statistics: baseline mean and population standard deviation, {@code z = (count - mean) / stddev}.
 * A key is eligible when {@code count >= minCount} or {@code mean >= 5} (so drops of large series count);
 * it is an anomaly when {@code |z| >= zThreshold}, or, when the stddev is 0 (z null), when the Poisson
 * probability of a count at least as far from the mean as the observed one (on its side) is below
 * {@code poissonAlpha} (0.01). Direction: "spike" above the mean, "drop" below. Rows are the anomalies,
 * most surprising first (largest |count - mean|), each with up to 5 example tickets of the period (newest
 * first) and its series of the last {@code baselinePeriods + 1} points; each is also a stored
 * {@link KpiOutput.Finding} (dimension "client", "domain" or "client×domain"; period like "2026-W47").
 */
@Component
class TicketTrends implements Kpi<TicketTrendsResult> {

    @Override
    public String slug() {
        return "ticket-trends";
    }

    @Override
    public int defaultLookbackDays() {
        return 91;
    }

    @Override
    public TenantSettings.KpiTarget defaultTarget() {
        return new TenantSettings.KpiTarget(new BigDecimal("1"), new BigDecimal("3"));
    }

    @Override
    public Map<String, Object> defaultParams(KpiContext.Settings settings) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("granularity", "week");
        params.put("baselinePeriods", 12);
        params.put("zThreshold", 2.0);
        params.put("minCount", 5);
        params.put("poissonAlpha", 0.01);
        return params;
    }

    @Override
    public Class<TicketTrendsResult> resultType() {
        return TicketTrendsResult.class;
    }

    @Override
    public KpiOutput<TicketTrendsResult> compute(KpiContext context) {
        Periods periods = Periods.of(context.text("granularity"), Periods.WEEK, Periods.DAY);
        int baselinePeriods = Math.max(1, context.integer("baselinePeriods"));
        double zThreshold = context.number("zThreshold");
        int minCount = context.integer("minCount");
        double alpha = context.number("poissonAlpha");
        LocalDate current = periods.latestCompleteStart(context.to());
        LocalDate first = periods.plus(current, -baselinePeriods);
        String period = periods.label(current);

        List<TicketTrendsResult.Anomaly> rows = new ArrayList<>();
        List<KpiOutput.Finding> findings = new ArrayList<>();
        int[] keys = {0};
        context.jdbc().sql("""
                WITH periods AS (
                    SELECT p::date AS period FROM generate_series(CAST(:first AS date), CAST(:current AS date),
                                                                  CAST(:step AS interval)) p),
                tickets AS (
                    SELECT t.id, t.company_id, coalesce(%s, '(none)') AS domain,
                           date_trunc(:unit, t.date_entered AT TIME ZONE :zone)::date AS period
                    FROM cw_tickets t
                    WHERE t.deleted_at IS NULL AND t.date_entered >= :start AND t.date_entered < :end),
                counts AS (
                    SELECT CASE WHEN GROUPING(company_id) = 0 AND GROUPING(domain) = 0 THEN 'client×domain'
                                WHEN GROUPING(company_id) = 0 THEN 'client' ELSE 'domain' END AS dimension,
                           company_id, domain, period, count(*) AS n,
                           (array_agg(id ORDER BY id DESC))[1 : 5] AS examples
                    FROM tickets
                    GROUP BY GROUPING SETS ((company_id, period), (domain, period), (company_id, domain, period))),
                keys AS (
                    SELECT DISTINCT dimension, company_id, CASE WHEN dimension = 'client' THEN NULL ELSE domain END AS domain
                    FROM counts),
                dense AS (
                    SELECT k.dimension, k.company_id, k.domain, p.period, coalesce(c.n, 0) AS n
                    FROM keys k CROSS JOIN periods p
                    LEFT JOIN counts c ON c.dimension = k.dimension AND c.period = p.period
                         AND c.company_id IS NOT DISTINCT FROM k.company_id AND c.domain IS NOT DISTINCT FROM k.domain),
                stats AS (
                    SELECT dimension, company_id, domain,
                           sum(n) FILTER (WHERE period = :current) AS count,
                           avg(n) FILTER (WHERE period < :current) AS mean,
                           stddev_pop(n) FILTER (WHERE period < :current) AS stddev,
                           array_agg(n ORDER BY period) AS series
                    FROM dense
                    GROUP BY dimension, company_id, domain)
                SELECT s.dimension, s.company_id, s.domain, s.count, s.mean, s.stddev, s.series, cur.examples,
                       c.identifier, c.name,
                       coalesce(c.identifier, c.name, 'Company ' || s.company_id, '(no client)') AS client_key
                FROM stats s
                LEFT JOIN cw_companies c ON c.id = s.company_id
                LEFT JOIN counts cur ON cur.dimension = s.dimension AND cur.period = :current
                     AND cur.company_id IS NOT DISTINCT FROM s.company_id AND cur.domain IS NOT DISTINCT FROM s.domain
                WHERE s.count >= :minCount OR s.mean >= 5
                """.formatted(context.domainSql("t")))
                .param("first", java.sql.Date.valueOf(first))
                .param("current", java.sql.Date.valueOf(current))
                .param("step", periods.step)
                .param("unit", periods.unit)
                .param("zone", context.zone().getId())
                .param("start", Periods.startOfDay(context, first))
                .param("end", Periods.startOfDay(context, periods.plus(current, 1)))
                .param("minCount", minCount)
                .query(rs -> {
                    keys[0]++;
                    long count = rs.getLong("count");
                    double mean = rs.getDouble("mean");
                    double stddev = rs.getDouble("stddev");
                    Double z = stddev > 0 ? (count - mean) / stddev : null;
                    Double tail = stddev > 0 ? null : Statistics.poissonTail(count, mean);
                    boolean anomaly = z != null ? Math.abs(z) >= zThreshold : tail < alpha;
                    if (!anomaly) {
                        return;
                    }
                    String dimension = rs.getString("dimension");
                    String client = rs.getString("client_key");
                    String domain = rs.getString("domain");
                    String key = switch (dimension) {
                        case "client" -> client;
                        case "domain" -> domain;
                        default -> client + "|" + domain;
                    };
                    TicketTrendsResult.Anomaly row = new TicketTrendsResult.Anomaly(dimension, key,
                            "domain".equals(dimension) ? null : client,
                            "domain".equals(dimension) ? null : rs.getString("name"),
                            "client".equals(dimension) ? null : domain, period, count, Statistics.round4(mean),
                            Statistics.round4(stddev), z == null ? null : Statistics.round4(z),
                            tail == null ? null : Statistics.round4(tail), count > mean ? "spike" : "drop",
                            longs(rs.getArray("examples")), series(periods, first, longs(rs.getArray("series"))));
                    rows.add(row);
                    findings.add(new KpiOutput.Finding(dimension, key, period, row.details()));
                });
        rows.sort(Comparator.comparingDouble((TicketTrendsResult.Anomaly r) -> -Math.abs(r.count() - r.baselineMean()))
                .thenComparing(TicketTrendsResult.Anomaly::dimension).thenComparing(TicketTrendsResult.Anomaly::key));
        long spikes = rows.stream().filter(r -> "spike".equals(r.direction())).count();
        var summary = new TicketTrendsResult.Summary(periods.unit, period, current, periods.endOf(current), first,
                baselinePeriods, "population", keys[0], rows.size(), spikes, rows.size() - spikes);
        return new KpiOutput<>(new TicketTrendsResult(summary, rows), findings);
    }

    private static List<TicketTrendsResult.Point> series(Periods periods, LocalDate first, List<Long> counts) {
        List<TicketTrendsResult.Point> points = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            LocalDate start = periods.plus(first, i);
            points.add(new TicketTrendsResult.Point(periods.label(start), start, counts.get(i)));
        }
        return points;
    }

    private static List<Long> longs(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<Long> values = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            values.add(((Number) o).longValue());
        }
        return values;
    }
}
