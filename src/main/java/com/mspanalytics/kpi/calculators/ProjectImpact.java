package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.Kpi;
import com.mspanalytics.kpi.KpiContext;
import com.mspanalytics.kpi.KpiOutput;
import com.mspanalytics.settings.TenantSettings;
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
class ProjectImpact implements Kpi<ProjectImpactResult> {

    @Override
    public String slug() {
        return "project-impact";
    }

    @Override
    public int defaultLookbackDays() {
        return 365;
    }

    @Override
    public TenantSettings.KpiTarget defaultTarget() {
        return new TenantSettings.KpiTarget(new BigDecimal("0.60"), new BigDecimal("0.40"));
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
    public Class<ProjectImpactResult> resultType() {
        return ProjectImpactResult.class;
    }

    @Override
    public KpiOutput<ProjectImpactResult> compute(KpiContext context) {
        int days = Math.max(1, context.integer("days"));
        double alpha = context.number("alpha");
        List<ProjectImpactResult.Project> rows = new ArrayList<>(context.jdbc().sql("""
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
                    BigDecimal pValue = null;
                    String impact = "pending";
                    if (afterDays > 0) {
                        double p = Statistics.conditionalBinomialPValue(before, after, (double) afterDays / (beforeDays + afterDays));
                        pValue = BigDecimal.valueOf(p).setScale(6, RoundingMode.HALF_UP);
                        double expectedAfter = (before + after) * (double) afterDays / (beforeDays + afterDays);
                        impact = p >= alpha ? "no change" : after < expectedAfter ? "reduced" : "increased";
                    }
                    return new ProjectImpactResult.Project(rs.getLong("id"), rs.getString("name"),
                            rs.getString("client"), rs.getString("identifier"), rs.getLong("company_id"),
                            rs.getString("domain"), rs.getObject("actual_start", LocalDate.class),
                            rs.getObject("actual_end", LocalDate.class),
                            new ProjectImpactResult.Span(rs.getObject("before_from", LocalDate.class),
                                    rs.getObject("before_to", LocalDate.class), beforeDays),
                            new ProjectImpactResult.Span(afterFrom, afterTo, afterDays), before, after, beforeHours,
                            afterHours, changePct(before, beforeDays, after, afterDays),
                            changePct(beforeHours.doubleValue(), beforeDays, afterHours.doubleValue(), afterDays),
                            pValue, impact);
                }).list());
        rows.sort(Comparator.comparing(ProjectImpactResult.Project::pValue,
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(ProjectImpactResult.Project::actualEnd, Comparator.reverseOrder())
                .thenComparing(ProjectImpactResult.Project::projectId));
        var summary = new ProjectImpactResult.Summary(rows.size(), count(rows, "reduced"), count(rows, "increased"),
                count(rows, "no change"), count(rows, "pending"),
                "exact conditional binomial test on two Poisson rates, two-sided (doubled smaller tail)");
        return KpiOutput.of(new ProjectImpactResult(summary, rows));
    }

    private static long count(List<ProjectImpactResult.Project> rows, String impact) {
        return rows.stream().filter(r -> impact.equals(r.impact())).count();
    }

    private static BigDecimal changePct(double before, long beforeDays, double after, long afterDays) {
        if (before == 0 || afterDays == 0) {
            return null;
        }
        double beforeRate = before / beforeDays;
        double afterRate = after / afterDays;
        return BigDecimal.valueOf(100 * (afterRate - beforeRate) / beforeRate).setScale(2, RoundingMode.HALF_UP);
    }

}
