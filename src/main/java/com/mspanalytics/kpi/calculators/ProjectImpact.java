package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.Kpi;
import com.mspanalytics.kpi.KpiContext;
import com.mspanalytics.kpi.KpiOutput;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * KPI 10: did a finished project lower the client's ticket volume and hours?
 *
 * <p>Projects: every project with an actual start whose actual end (close) falls in the window
 * (default 365 days), or only project {@code projectId} when that parameter is set (non-zero; then
 * the window is ignored). Projects without an actual start or end are skipped. For each, the client's
 * tickets entered (tenant time zone) in the {@code days} days before the project's start
 * ({@code start − days .. start − 1}) against those entered in the {@code days} days after its close
 * ({@code end + 1 .. end + days}, cut at {@code asOf} when the project closed recently). When
 * {@code domainOnly} (default true) and the project's description names a domain ("Domain: Email", as
 * ConnectWise projects here carry it), only tickets of that domain count (case-insensitive); a project
 * naming no domain counts all the client's tickets. Hours are the tickets' time entries.
 *
 * <p>{@code changePct = 100 × (afterRate − beforeRate) / beforeRate} with rates per day (equal to the
 * count change when both windows are whole); null when there were no tickets before.
 *
 * <p>Significance: the exact conditional test on two Poisson rates. Under "no change", given
 * {@code n = before + after}, {@code after ~ Binomial(n, afterDays / (beforeDays + afterDays))}
 * (p = 0.5 for equal windows). {@code pValue} is two-sided: {@code min(1, 2 × min(P(X ≤ after), P(X ≥ after)))}.
 * {@code impact} is "reduced" or "increased" when {@code pValue < alpha} (default 0.05), else
 * "no change"; "pending" when the after window has not begun. No tickets at all: pValue 1, "no change".
 * Rows: most significant first (pValue ascending), then latest close first.
 */
@Component
class ProjectImpact implements Kpi<UntypedResult> {

    @Override
    public String slug() {
        return "project-impact";
    }

    @Override
    public int defaultLookbackDays() {
        return 365;
    }

    @Override
    public Map<String, Object> defaultParams(KpiContext.Settings settings) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("days", 90);
        params.put("projectId", 0);
        params.put("domainOnly", true);
        params.put("alpha", 0.05);
        return params;
    }

    @Override
    public Class<UntypedResult> resultType() {
        return UntypedResult.class;
    }

    @Override
    public KpiOutput<UntypedResult> compute(KpiContext context) {
        int days = Math.max(1, context.integer("days"));
        double alpha = context.number("alpha");
        List<Map<String, Object>> rows = new ArrayList<>(context.jdbc().sql("""
                WITH projects AS (
                    SELECT p.id, p.name, p.company_id, p.actual_start, p.actual_end,
                           nullif(btrim(substring(p.description from 'Domain:[ ]*([^\\r\\n]+)')), '') AS project_domain
                    FROM cw_projects p
                    WHERE p.deleted_at IS NULL AND p.actual_start IS NOT NULL AND p.actual_end IS NOT NULL
                      AND CASE WHEN :projectId > 0 THEN p.id = :projectId
                               ELSE p.actual_end >= :from AND p.actual_end <= :to END),
                spans AS (
                    SELECT p.*, CASE WHEN :domainOnly THEN p.project_domain END AS domain,
                           p.actual_start - :days AS before_from, p.actual_start - 1 AS before_to,
                           p.actual_end + 1 AS after_from, least(p.actual_end + :days, :asOf) AS after_to
                    FROM projects p),
                project_tickets AS (
                    SELECT s.id AS project_id, t.id AS ticket_id,
                           t.date_entered < (s.actual_start::timestamp AT TIME ZONE :zone) AS before_side
                    FROM spans s
                    JOIN cw_tickets t ON t.company_id = s.company_id AND t.deleted_at IS NULL
                    WHERE ((t.date_entered >= (s.before_from::timestamp AT TIME ZONE :zone)
                            AND t.date_entered < (s.actual_start::timestamp AT TIME ZONE :zone))
                        OR (t.date_entered >= (s.after_from::timestamp AT TIME ZONE :zone)
                            AND t.date_entered < ((s.after_to + 1)::timestamp AT TIME ZONE :zone)))
                      AND (s.domain IS NULL OR lower(%s) = lower(s.domain))),
                ticket_hours AS (
                    SELECT pt.project_id, pt.ticket_id, pt.before_side, coalesce(sum(e.actual_hours), 0) AS hours
                    FROM project_tickets pt
                    LEFT JOIN cw_time_entries e ON e.ticket_id = pt.ticket_id AND e.deleted_at IS NULL
                    GROUP BY pt.project_id, pt.ticket_id, pt.before_side)
                SELECT s.id, s.name, s.company_id, coalesce(c.name, 'Company ' || s.company_id) AS client, c.identifier,
                       s.domain, s.actual_start, s.actual_end, s.before_from, s.before_to, s.after_from, s.after_to,
                       count(h.ticket_id) FILTER (WHERE h.before_side) AS before_count,
                       count(h.ticket_id) FILTER (WHERE NOT h.before_side) AS after_count,
                       coalesce(sum(h.hours) FILTER (WHERE h.before_side), 0) AS before_hours,
                       coalesce(sum(h.hours) FILTER (WHERE NOT h.before_side), 0) AS after_hours
                FROM spans s
                LEFT JOIN ticket_hours h ON h.project_id = s.id
                LEFT JOIN cw_companies c ON c.id = s.company_id
                GROUP BY s.id, s.name, s.company_id, c.name, c.identifier, s.domain, s.actual_start, s.actual_end,
                         s.before_from, s.before_to, s.after_from, s.after_to
                """.formatted(context.domainSql("t")))
                .param("projectId", ((Number) context.params().get("projectId")).longValue())
                .param("from", context.from())
                .param("to", context.to())
                .param("asOf", context.asOf())
                .param("days", days)
                .param("domainOnly", context.flag("domainOnly"))
                .param("zone", context.zone().getId())
                .query((rs, n) -> {
                    LocalDate afterFrom = rs.getObject("after_from", LocalDate.class);
                    LocalDate afterTo = rs.getObject("after_to", LocalDate.class);
                    long beforeDays = days;
                    long afterDays = Math.max(0, ChronoUnit.DAYS.between(afterFrom, afterTo) + 1);
                    long before = rs.getLong("before_count");
                    long after = rs.getLong("after_count");
                    BigDecimal beforeHours = rs.getBigDecimal("before_hours").setScale(2, RoundingMode.HALF_UP);
                    BigDecimal afterHours = rs.getBigDecimal("after_hours").setScale(2, RoundingMode.HALF_UP);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("projectId", rs.getLong("id"));
                    row.put("project", rs.getString("name"));
                    row.put("client", rs.getString("client"));
                    row.put("clientIdentifier", rs.getString("identifier"));
                    row.put("companyId", rs.getLong("company_id"));
                    row.put("domain", rs.getString("domain"));
                    row.put("actualStart", rs.getObject("actual_start", LocalDate.class).toString());
                    row.put("actualEnd", rs.getObject("actual_end", LocalDate.class).toString());
                    row.put("beforeWindow", Map.of("from", rs.getObject("before_from", LocalDate.class).toString(),
                            "to", rs.getObject("before_to", LocalDate.class).toString(), "days", beforeDays));
                    row.put("afterWindow", Map.of("from", afterFrom.toString(), "to", afterTo.toString(), "days", afterDays));
                    row.put("before", before);
                    row.put("after", after);
                    row.put("beforeHours", beforeHours);
                    row.put("afterHours", afterHours);
                    row.put("changePct", changePct(before, beforeDays, after, afterDays));
                    row.put("hoursChangePct", changePct(beforeHours.doubleValue(), beforeDays, afterHours.doubleValue(), afterDays));
                    if (afterDays == 0) {
                        row.put("pValue", null);
                        row.put("impact", "pending");
                    } else {
                        double p = conditionalBinomialPValue(before, after, (double) afterDays / (beforeDays + afterDays));
                        row.put("pValue", BigDecimal.valueOf(p).setScale(6, RoundingMode.HALF_UP));
                        double expectedAfter = (before + after) * (double) afterDays / (beforeDays + afterDays);
                        row.put("impact", p >= alpha ? "no change" : after < expectedAfter ? "reduced" : "increased");
                    }
                    return row;
                }).list());
        rows.sort(Comparator.<Map<String, Object>, BigDecimal>comparing(r -> (BigDecimal) r.get("pValue"),
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(r -> (String) r.get("actualEnd"), Comparator.reverseOrder())
                .thenComparing(r -> (Long) r.get("projectId")));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("projects", rows.size());
        for (String impact : List.of("reduced", "increased", "no change", "pending")) {
            summary.put(impact.equals("no change") ? "noChange" : impact,
                    rows.stream().filter(r -> impact.equals(r.get("impact"))).count());
        }
        summary.put("test", "exact conditional binomial test on two Poisson rates, two-sided (doubled smaller tail)");
        return KpiOutput.of(new UntypedResult(summary, rows));
    }

    private static BigDecimal changePct(double before, long beforeDays, double after, long afterDays) {
        if (before == 0 || afterDays == 0) {
            return null;
        }
        double beforeRate = before / beforeDays;
        double afterRate = after / afterDays;
        return BigDecimal.valueOf(100 * (afterRate - beforeRate) / beforeRate).setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * Two-sided p-value of {@code after} under Binomial(before + after, p): twice the smaller tail, at
     * most 1. Probabilities are summed from logarithms so that large counts do not underflow.
     */
    static double conditionalBinomialPValue(long before, long after, double p) {
        long n = before + after;
        if (n == 0) {
            return 1.0;
        }
        double logP = Math.log(p), logQ = Math.log1p(-p);
        double logPmf = n * logQ;
        double lower = 0, upper = 0;
        for (long k = 0; k <= n; k++) {
            double pmf = Math.exp(logPmf);
            if (k <= after) {
                lower += pmf;
            }
            if (k >= after) {
                upper += pmf;
            }
            logPmf += Math.log(n - k) - Math.log(k + 1) + logP - logQ;
        }
        return Math.min(1.0, 2 * Math.min(lower, upper));
    }
}
