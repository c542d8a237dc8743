package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.Kpi;
import com.mspanalytics.kpi.KpiContext;
import com.mspanalytics.kpi.KpiOutput;
import com.mspanalytics.settings.TenantSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * KPI 04: where the hours go, and what is trending.
 *
 * <p>Hours are time entries' {@code actualHours} (not deleted), placed on the day of their {@code timeStart}
 * in the tenant's time zone, attributed to the entry's client (the ticket's when the entry names none) and
 * to the domain of the service or project ticket it is charged to ("(no ticket)" for entries on no ticket: charge
 * codes, activities, or a ticket since deleted; docs/kpis.md, "Ticket time"). Periods are ISO
 * weeks Monday–Sunday ({@code granularity=week}, default) or calendar months.
 *
 * <p>Totals (by client, domain, work type, billable option and client×domain) cover the whole periods that
 * end inside the window {@code from..to}: with the default 28-day lookback, exactly the last 4 complete
 * weeks; at least the latest complete period (the last whole period ending on or before {@code to}).
 * Billable share = hours with billable option "Billable" / all hours.
 *
 * <p>Trends per client and per client×domain: the latest complete period ({@code current}) against the
 * {@code baselinePeriods} periods before it, dense (periods without hours are 0). {@code mean} and population
 * {@code stddev} of the baseline; {@code z = (current - mean) / stddev}, null when the stddev is 0;
 * {@code changePct = 100 × (current - mean) / mean}, null when the mean is 0; {@code slope} = least-squares
 * slope in hours per period over the baseline and the current period together. A trend is "rising" when
 * ({@code z >= zThreshold} or {@code changePct >= changePctThreshold}) and {@code current >= minHours};
 * "falling" symmetrically: ({@code z <= -zThreshold} or {@code changePct <= -changePctThreshold}) and the
 * baseline mean {@code >= minHours} (the larger side of the comparison must be material). Keys with under
 * {@code minHours} both now and in the baseline mean are not flagged. Rows are the trends, flagged first
 * ordered by |current - mean|, then the rest by current hours; flagged trends are also stored as
 * {@link KpiOutput.Finding}s (dimension "client" or "client×domain", key the client identifier or
 * "client|domain", period like "2026-W47").
 */
@Component
class TimeConsumption implements Kpi<TimeConsumptionResult> {

    @Override
    public String slug() {
        return "time-consumption";
    }

    @Override
    public int defaultLookbackDays() {
        return 28;
    }

    @Override
    public TenantSettings.KpiTarget defaultTarget() {
        return new TenantSettings.KpiTarget(new BigDecimal("0.70"), new BigDecimal("0.60"));
    }

    @Override
    public Map<String, Object> defaultParams(KpiContext.Settings settings) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("granularity", "week");
        params.put("baselinePeriods", 8);
        params.put("zThreshold", 2.0);
        params.put("changePctThreshold", 50.0);
        params.put("minHours", 5.0);
        return params;
    }

    @Override
    public Class<TimeConsumptionResult> resultType() {
        return TimeConsumptionResult.class;
    }

    @Override
    public KpiOutput<TimeConsumptionResult> compute(KpiContext context) {
        Periods periods = Periods.of(context.text("granularity"), Periods.WEEK, Periods.MONTH);
        int baselinePeriods = Math.max(1, context.integer("baselinePeriods"));
        LocalDate current = periods.latestCompleteStart(context.to());
        LocalDate baselineStart = periods.plus(current, -baselinePeriods);
        LocalDate totalsStart = periods.startOf(context.from());
        if (periods.endOf(totalsStart).isBefore(context.from())) {
            totalsStart = periods.plus(totalsStart, 1);
        }
        if (totalsStart.isAfter(current)) {
            totalsStart = current;
        }
        LocalDate end = periods.plus(current, 1);
        String period = periods.label(current);

        Totals totals = totals(context, totalsStart, end);
        List<TimeConsumptionResult.Trend> rows = trends(context, periods, baselineStart, current, end);
        List<KpiOutput.Finding> findings = new ArrayList<>();
        List<TimeConsumptionResult.Trend> flagged = new ArrayList<>();
        for (TimeConsumptionResult.Trend row : rows) {
            if (row.trend() != null) {
                flagged.add(row.withoutSeries());
                findings.add(new KpiOutput.Finding(row.dimension(), row.key(), period, row.details()));
            }
        }
        var summary = new TimeConsumptionResult.Summary(periods.unit, totalsStart, end.minusDays(1), period, current,
                end.minusDays(1), baselineStart, baselinePeriods, "population", totals.hours(), totals.billable(),
                share(totals.billable(), totals.hours()), totals.byDimension().client().stream().limit(5).toList(),
                totals.byDimension(), flagged);
        return new KpiOutput<>(new TimeConsumptionResult(summary, rows), findings);
    }

    /** The window's hours and billable hours, and their split by each dimension. */
    private record Totals(BigDecimal hours, BigDecimal billable, TimeConsumptionResult.Totals byDimension) {
    }

    private Totals totals(KpiContext context, LocalDate from, LocalDate end) {
        Map<String, List<TimeConsumptionResult.Total>> byDimension = new LinkedHashMap<>();
        for (String dimension : List.of("client", "domain", "workType", "billableOption", "client×domain")) {
            byDimension.put(dimension, new ArrayList<>());
        }
        BigDecimal[] total = {BigDecimal.ZERO, BigDecimal.ZERO};
        context.jdbc().sql((ENTRIES + """
                SELECT CASE WHEN GROUPING(client, domain) = 0 THEN 'client×domain'
                            WHEN GROUPING(client) = 0 THEN 'client'
                            WHEN GROUPING(domain) = 0 THEN 'domain'
                            WHEN GROUPING(work_type) = 0 THEN 'workType'
                            WHEN GROUPING(billable_option) = 0 THEN 'billableOption' ELSE 'total' END AS dimension,
                       client, min(client_name) AS client_name, domain, work_type, billable_option,
                       coalesce(sum(hours), 0) AS hours, coalesce(sum(hours) FILTER (WHERE billable_option = 'Billable'), 0) AS billable
                FROM entries
                GROUP BY GROUPING SETS ((), (client), (domain), (work_type), (billable_option), (client, domain))
                ORDER BY dimension, sum(hours) DESC, client, domain, work_type, billable_option
                """).formatted(context.domainSql("t")))
                .param("zone", context.zone().getId())
                .param("start", Periods.startOfDay(context, from))
                .param("end", Periods.startOfDay(context, end))
                .query(rs -> {
                    String dimension = rs.getString("dimension");
                    if (dimension.equals("total")) {
                        total[0] = rs.getBigDecimal("hours");
                        total[1] = rs.getBigDecimal("billable");
                        return;
                    }
                    boolean client = dimension.equals("client") || dimension.equals("client×domain");
                    boolean domain = dimension.equals("domain") || dimension.equals("client×domain");
                    byDimension.get(dimension).add(new TimeConsumptionResult.Total(client ? rs.getString("client") : null,
                            dimension.equals("client") ? rs.getString("client_name") : null,
                            domain ? rs.getString("domain") : null,
                            dimension.equals("workType") ? rs.getString("work_type") : null,
                            dimension.equals("billableOption") ? rs.getString("billable_option") : null,
                            rs.getBigDecimal("hours"), rs.getBigDecimal("billable"), null));
                });
        Map<String, List<TimeConsumptionResult.Total>> shared = new LinkedHashMap<>();
        byDimension.forEach((dimension, list) -> shared.put(dimension,
                list.stream().map(t -> t.withShare(share(t.hours(), total[0]))).toList()));
        return new Totals(total[0], total[1], new TimeConsumptionResult.Totals(shared.get("client"),
                shared.get("domain"), shared.get("workType"), shared.get("billableOption"), shared.get("client×domain")));
    }

    private List<TimeConsumptionResult.Trend> trends(KpiContext context, Periods periods, LocalDate first, LocalDate current,
            LocalDate end) {
        double zThreshold = context.number("zThreshold");
        double pctThreshold = context.number("changePctThreshold");
        double minHours = context.number("minHours");
        List<TimeConsumptionResult.Trend> flagged = new ArrayList<>();
        List<TimeConsumptionResult.Trend> others = new ArrayList<>();
        context.jdbc().sql((ENTRIES + """
                , periods AS (
                    SELECT p::date AS period, row_number() OVER (ORDER BY p) AS idx
                    FROM generate_series(CAST(:first AS date), CAST(:current AS date), CAST(:step AS interval)) p),
                bucketed AS (SELECT client, domain, date_trunc(:unit, day)::date AS period, hours FROM entries),
                sums AS (
                    SELECT CASE WHEN GROUPING(domain) = 0 THEN 'client×domain' ELSE 'client' END AS dimension,
                           client, domain, period, sum(hours) AS hours
                    FROM bucketed
                    GROUP BY GROUPING SETS ((client, period), (client, domain, period))),
                keys AS (SELECT DISTINCT dimension, client, domain FROM sums),
                dense AS (
                    SELECT k.dimension, k.client, k.domain, p.period, p.idx, coalesce(s.hours, 0) AS hours
                    FROM keys k CROSS JOIN periods p
                    LEFT JOIN sums s ON s.dimension = k.dimension AND s.client = k.client AND s.period = p.period
                         AND s.domain IS NOT DISTINCT FROM k.domain),
                names AS (SELECT client, min(client_name) AS client_name FROM entries GROUP BY client)
                SELECT d.dimension, d.client, d.domain, n.client_name,
                       sum(hours) FILTER (WHERE period = :current) AS current,
                       round(avg(hours) FILTER (WHERE period < :current), 4) AS mean,
                       round(stddev_pop(hours) FILTER (WHERE period < :current), 4) AS stddev,
                       round((sum(hours) FILTER (WHERE period = :current) - avg(hours) FILTER (WHERE period < :current))
                             / nullif(stddev_pop(hours) FILTER (WHERE period < :current), 0), 4) AS z,
                       round(100 * (sum(hours) FILTER (WHERE period = :current) - avg(hours) FILTER (WHERE period < :current))
                             / nullif(avg(hours) FILTER (WHERE period < :current), 0), 4) AS change_pct,
                       round(CAST(regr_slope(hours, idx) AS numeric), 4) AS slope,
                       array_agg(hours ORDER BY period) AS series
                FROM dense d
                LEFT JOIN names n ON n.client = d.client
                GROUP BY d.dimension, d.client, d.domain, n.client_name
                ORDER BY current DESC, d.dimension, d.client, d.domain
                """).formatted(context.domainSql("t")))
                .param("zone", context.zone().getId())
                .param("start", Periods.startOfDay(context, first))
                .param("end", Periods.startOfDay(context, end))
                .param("first", java.sql.Date.valueOf(first))
                .param("current", java.sql.Date.valueOf(current))
                .param("step", periods.step)
                .param("unit", periods.unit)
                .query(rs -> {
                    BigDecimal currentHours = rs.getBigDecimal("current");
                    BigDecimal mean = rs.getBigDecimal("mean");
                    BigDecimal z = rs.getBigDecimal("z");
                    BigDecimal changePct = rs.getBigDecimal("change_pct");
                    double cur = currentHours.doubleValue();
                    double avg = mean.doubleValue();
                    String trend = null;
                    if (cur >= minHours && (z != null && z.doubleValue() >= zThreshold
                            || changePct != null && changePct.doubleValue() >= pctThreshold)) {
                        trend = "rising";
                    } else if (avg >= minHours && (z != null && z.doubleValue() <= -zThreshold
                            || changePct != null && changePct.doubleValue() <= -pctThreshold)) {
                        trend = "falling";
                    }
                    String dimension = rs.getString("dimension");
                    String client = rs.getString("client");
                    String domain = rs.getString("domain");
                    var row = new TimeConsumptionResult.Trend(dimension, domain == null ? client : client + "|" + domain,
                            client, rs.getString("client_name"), domain, currentHours, mean, rs.getBigDecimal("stddev"), z,
                            changePct, rs.getBigDecimal("slope"), trend, series(periods, first, rs.getArray("series")));
                    (trend != null ? flagged : others).add(row);
                });
        flagged.sort(java.util.Comparator.comparing((TimeConsumptionResult.Trend r) -> r.currentHours()
                .subtract(r.baselineMean()).abs()).reversed());
        List<TimeConsumptionResult.Trend> rows = new ArrayList<>(flagged);
        rows.addAll(others);
        return rows;
    }

    /** Time entries from :start to :end, with client, client name, domain and local day. */
    private static final String ENTRIES = """
            WITH entries AS (
                SELECT coalesce(c.identifier, c.name, 'Company ' || coalesce(e.company_id, t.company_id), '(no client)') AS client,
                       c.name AS client_name,
                       CASE WHEN t.id IS NULL THEN '(no ticket)' ELSE coalesce(%s, '(none)') END AS domain,
                       coalesce(e.work_type, '(none)') AS work_type,
                       coalesce(e.billable_option, '(none)') AS billable_option,
                       (e.time_start AT TIME ZONE :zone)::date AS day, e.actual_hours AS hours
                FROM cw_time_entries e
                LEFT JOIN cw_charged_tickets t ON t.id = e.ticket_id
                LEFT JOIN cw_companies c ON c.id = coalesce(e.company_id, t.company_id)
                WHERE e.deleted_at IS NULL AND e.time_start >= :start AND e.time_start < :end)
            """;

    private static BigDecimal share(BigDecimal part, BigDecimal total) {
        return total == null || total.signum() == 0 ? null : part.divide(total, 4, RoundingMode.HALF_UP);
    }

    private static List<TimeConsumptionResult.Point> series(Periods periods, LocalDate first, Array array)
            throws SQLException {
        List<TimeConsumptionResult.Point> points = new ArrayList<>();
        Object[] values = (Object[]) array.getArray();
        for (int i = 0; i < values.length; i++) {
            LocalDate start = periods.plus(first, i);
            points.add(new TimeConsumptionResult.Point(periods.label(start), start, (BigDecimal) values[i]));
        }
        return points;
    }
}
