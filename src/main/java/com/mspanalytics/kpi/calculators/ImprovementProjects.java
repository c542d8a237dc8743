package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.Kpi;
import com.mspanalytics.kpi.KpiContext;
import com.mspanalytics.kpi.KpiOutput;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * KPI 06: recurring issues that would pay back a fix project, and how fast.
 *
 * <p>Tickets entered in the window (default 180 days), grouped by issue category across all clients;
 * with {@code byClient=true} grouped by (client, issue category) instead, so each client's own
 * recurring issues are weighed against a project for that client alone. A group recurs when it has at
 * least {@code minRecurrence} tickets. Hours are the tickets' time entries (all of them, also those
 * logged after the window, as in KPI 01). Then, exactly as kpis.md states, with {@code windowDays} the
 * number of days in the window (both ends included):
 * <ul>
 * <li>{@code annualHours = hours × 365 / windowDays}, {@code annualCost = annualHours × hourlyCost}</li>
 * <li>{@code projectCost = effortHours × hourlyCost}, effort from the tenant's {@code projectEffortHours}
 * map matched on the whole category, then its item, subType and domain (case-insensitive), else 40 h</li>
 * <li>{@code annualSaving = annualCost × reduction} (param, default 0.6)</li>
 * <li>{@code roi = (annualSaving − projectCost) / projectCost},
 * {@code paybackMonths = projectCost / (annualSaving / 12)}</li>
 * </ul>
 * Only groups with {@code roi > 0} become rows, ranked by roi (highest first). Money is rounded to
 * cents, hours to 2 decimals, annualHours, roi and paybackMonths to 4; all are computed from unrounded
 * values.
 */
@Component
class ImprovementProjects implements Kpi<UntypedResult> {

    static final BigDecimal DEFAULT_EFFORT_HOURS = new BigDecimal("40");

    @Override
    public String slug() {
        return "improvement-projects";
    }

    @Override
    public int defaultLookbackDays() {
        return 180;
    }

    @Override
    public Map<String, Object> defaultParams(KpiContext.Settings settings) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("minRecurrence", 10);
        params.put("reduction", 0.6);
        params.put("byClient", false);
        return params;
    }

    @Override
    public Class<UntypedResult> resultType() {
        return UntypedResult.class;
    }

    @Override
    public KpiOutput<UntypedResult> compute(KpiContext context) {
        boolean byClient = context.flag("byClient");
        BigDecimal hourlyCost = context.settings().tenant().hourlyCost();
        BigDecimal reduction = BigDecimal.valueOf(context.number("reduction"));
        long windowDays = ChronoUnit.DAYS.between(context.from(), context.to()) + 1;
        String groupBy = byClient ? "w.company_id, c.name, w.category, w.domain" : "w.category, w.domain";
        List<Map<String, Object>> groups = context.jdbc().sql("""
                WITH window_tickets AS (
                    SELECT t.id, t.company_id, %s AS category, %s AS domain, t.subtype_name, t.item_name
                    FROM cw_tickets t
                    WHERE t.deleted_at IS NULL AND t.date_entered >= :start AND t.date_entered < :end),
                ticket_hours AS (
                    SELECT w.id, coalesce(sum(e.actual_hours), 0) AS hours
                    FROM window_tickets w
                    LEFT JOIN cw_time_entries e ON e.ticket_id = w.id AND e.deleted_at IS NULL
                    GROUP BY w.id)
                SELECT %s AS company_id_out, %s AS client_name, w.category, w.domain,
                       min(w.subtype_name) AS sub_type, min(w.item_name) AS item,
                       count(*) AS tickets, sum(h.hours) AS hours, count(DISTINCT w.company_id) AS clients
                FROM window_tickets w
                JOIN ticket_hours h ON h.id = w.id
                LEFT JOIN cw_companies c ON c.id = w.company_id
                GROUP BY %s
                HAVING count(*) >= :minRecurrence
                """.formatted(context.categorySql("t"), context.domainSql("t"), byClient ? "w.company_id" : "NULL::bigint",
                        byClient ? "coalesce(c.name, 'Company ' || w.company_id)" : "NULL::text", groupBy))
                .param("start", java.sql.Timestamp.from(context.start()))
                .param("end", java.sql.Timestamp.from(context.end()))
                .param("minRecurrence", context.integer("minRecurrence"))
                .query((rs, n) -> {
                    Map<String, Object> group = new LinkedHashMap<>();
                    group.put("companyId", rs.getObject("company_id_out"));
                    group.put("client", rs.getString("client_name"));
                    group.put("category", rs.getString("category"));
                    group.put("domain", rs.getString("domain"));
                    group.put("subType", rs.getString("sub_type"));
                    group.put("item", rs.getString("item"));
                    group.put("tickets", rs.getLong("tickets"));
                    group.put("hours", rs.getBigDecimal("hours"));
                    group.put("clients", rs.getLong("clients"));
                    return group;
                }).list();
        Map<String, BigDecimal> efforts = context.settings().tenant().projectEffortHours();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<BigDecimal> rois = new ArrayList<>();
        for (Map<String, Object> group : groups) {
            BigDecimal hours = (BigDecimal) group.get("hours");
            BigDecimal annualHours = hours.multiply(BigDecimal.valueOf(365))
                    .divide(BigDecimal.valueOf(windowDays), 12, RoundingMode.HALF_UP);
            BigDecimal annualCost = annualHours.multiply(hourlyCost);
            BigDecimal effort = effort(efforts, (String) group.get("category"), (String) group.get("item"),
                    (String) group.get("subType"), (String) group.get("domain"));
            BigDecimal projectCost = effort.multiply(hourlyCost);
            BigDecimal annualSaving = annualCost.multiply(reduction);
            if (projectCost.signum() == 0) {
                continue;
            }
            BigDecimal roi = annualSaving.subtract(projectCost).divide(projectCost, 12, RoundingMode.HALF_UP);
            if (roi.signum() <= 0) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            if (byClient) {
                row.put("client", group.get("client"));
                row.put("companyId", group.get("companyId"));
            }
            row.put("category", group.get("category"));
            row.put("count", group.get("tickets"));
            row.put("clients", group.get("clients"));
            row.put("hours", hours.setScale(2, RoundingMode.HALF_UP));
            row.put("annualHours", annualHours.setScale(4, RoundingMode.HALF_UP));
            row.put("annualCost", annualCost.setScale(2, RoundingMode.HALF_UP));
            row.put("projectEffortHours", effort);
            row.put("projectCost", projectCost.setScale(2, RoundingMode.HALF_UP));
            row.put("reduction", reduction);
            row.put("annualSaving", annualSaving.setScale(2, RoundingMode.HALF_UP));
            row.put("roi", roi.setScale(4, RoundingMode.HALF_UP));
            row.put("paybackMonths", projectCost.multiply(BigDecimal.valueOf(12))
                    .divide(annualSaving, 4, RoundingMode.HALF_UP));
            rows.add(row);
            rois.add(roi);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer, BigDecimal>comparing(rois::get).reversed()
                .thenComparing(i -> (String) rows.get(i).get("category"))
                .thenComparing(i -> String.valueOf(rows.get(i).get("client"))));
        List<Map<String, Object>> ranked = order.stream().map(rows::get).toList();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("windowDays", windowDays);
        summary.put("recurringCategories", groups.size());
        summary.put("candidates", ranked.size());
        summary.put("totalAnnualSaving", ranked.stream().map(r -> (BigDecimal) r.get("annualSaving"))
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        summary.put("totalProjectCost", ranked.stream().map(r -> (BigDecimal) r.get("projectCost"))
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        summary.put("currency", context.settings().tenant().currency());
        return KpiOutput.of(new UntypedResult(summary, ranked));
    }

    /** The tenant's effort for the first of category, item, subType, domain that its map names, else 40 h. */
    static BigDecimal effort(Map<String, BigDecimal> efforts, String... candidates) {
        return CategoryMaps.lookup(efforts, candidates).orElse(DEFAULT_EFFORT_HOURS);
    }
}
