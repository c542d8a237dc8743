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
 * KPI 06: recurring issues that would pay back a fix project, and how fast.
 *
 * <p>Tickets entered in the window (default 180 days), grouped by issue category across all clients.
 * Every category of a busy MSP recurs; what a fix project can credibly remove is a problem that recurs
 * <em>more than it used to</em>. So a category is a candidate when, against the same category in the
 * baseline (the {@code windowDays} days just before the window):
 * <ul>
 * <li>{@code count >= minRecurrence} (10) and it spans at least {@code minClients} (3) clients (one
 * fix for many clients: a print server, a standard image, a policy);</li>
 * <li>{@code expectedTickets = baselineTickets × windowDays / baselineDays}, and {@code ratio = count /
 * expectedTickets >= minRatio} (1.5) with the Poisson tail {@code P(X >= count) < maxPValue} (0.01),
 * see {@link Recurrence}. {@code baselineDays} is the part of the baseline after the tenant's first
 * ticket (history synced later than the baseline start is not read as zero tickets); with no baseline
 * at all ({@code baselineDays} 0) nothing can be judged and there are no candidates.</li>
 * </ul>
 * With {@code byClient=true} the groups are (client, issue category) and the expectation is KPI 01's
 * (the client's volume at the tenant's category mix, {@code minClients} not applied), so each client's
 * own recurring issues are weighed against a project for that client alone.
 *
 * <p>Money, with {@code windowDays} the days of the window (both ends included) and the tenant's
 * {@link MoneyAssumptions} for the category (shown in each row): {@code annualHours = hours × 365 /
 * windowDays}, {@code annualCost = annualHours × hourlyCost}, {@code projectCost = projectHours ×
 * hourlyCost}, {@code annualSaving = annualCost × reduction}, {@code roi = (annualSaving − projectCost) /
 * projectCost}, {@code paybackMonths = projectCost / (annualSaving / 12)}. Hours are the tickets' time
 * entries (all of them, as in KPI 01). Only candidates with {@code roi > 0} are projects; they are
 * ranked by annualSaving (then roi, category, client), the first {@code maxRows} (10) are rows and the
 * summary counts them all. Money is rounded to cents, hours to 2 decimals, annualHours, roi and
 * paybackMonths to 4; all are computed from unrounded values.
 */
@Component
class ImprovementProjects implements Kpi {

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
        params.put("minClients", 3);
        params.put("minRatio", 1.5);
        params.put("maxPValue", 0.01);
        params.put("maxRows", 10);
        params.put("byClient", false);
        return params;
    }

    @Override
    public KpiOutput compute(KpiContext context) {
        boolean byClient = context.flag("byClient");
        TenantSettings tenant = context.settings().tenant();
        BigDecimal hourlyCost = tenant.hourlyCost();
        long windowDays = ChronoUnit.DAYS.between(context.from(), context.to()) + 1;
        LocalDate baselineFrom = context.from().minusDays(windowDays);
        LocalDate firstTicket = context.jdbc().sql("SELECT min(date_entered) FROM cw_tickets WHERE deleted_at IS NULL")
                .query(java.sql.Timestamp.class).optional()
                .map(ts -> LocalDate.ofInstant(ts.toInstant(), context.zone())).orElse(context.from());
        LocalDate baselineCovered = firstTicket.isAfter(baselineFrom) ? firstTicket : baselineFrom;
        long baselineDays = Math.max(0, ChronoUnit.DAYS.between(baselineCovered, context.from()));
        String groupBy = byClient ? "w.company_id, c.name, w.category, w.domain" : "w.category, w.domain";
        List<Map<String, Object>> groups = context.jdbc().sql("""
                WITH window_tickets AS (
                    SELECT t.id, t.company_id, %s AS category, %s AS domain, t.subtype_name, t.item_name,
                           t.date_entered >= :start AS in_window
                    FROM cw_tickets t
                    WHERE t.deleted_at IS NULL AND t.date_entered >= :baselineStart AND t.date_entered < :end),
                ticket_hours AS (
                    SELECT w.id, coalesce(sum(e.actual_hours), 0) AS hours
                    FROM window_tickets w
                    LEFT JOIN cw_time_entries e ON e.ticket_id = w.id AND e.deleted_at IS NULL
                    WHERE w.in_window
                    GROUP BY w.id),
                grouped AS (
                    SELECT %s AS company_id_out, %s AS client_name, w.category, w.domain,
                           min(w.subtype_name) AS sub_type, min(w.item_name) AS item,
                           count(*) FILTER (WHERE w.in_window) AS tickets,
                           coalesce(sum(h.hours), 0) AS hours,
                           count(DISTINCT w.company_id) FILTER (WHERE w.in_window) AS clients,
                           count(*) FILTER (WHERE NOT w.in_window) AS baseline_tickets
                    FROM window_tickets w
                    LEFT JOIN ticket_hours h ON h.id = w.id
                    LEFT JOIN cw_companies c ON c.id = w.company_id
                    GROUP BY %s),
                exposure AS (
                    SELECT g.*, sum(g.tickets) OVER (PARTITION BY g.company_id_out) AS client_tickets,
                           sum(g.tickets) OVER (PARTITION BY g.category) AS category_tickets,
                           sum(g.tickets) OVER () AS all_tickets
                    FROM grouped g)
                SELECT * FROM exposure WHERE tickets >= :minRecurrence
                """.formatted(context.categorySql("t"), context.domainSql("t"), byClient ? "w.company_id" : "NULL::bigint",
                        byClient ? "coalesce(c.name, 'Company ' || w.company_id)" : "NULL::text", groupBy))
                .param("baselineStart", java.sql.Timestamp.from(baselineFrom.atStartOfDay(context.zone()).toInstant()))
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
                    group.put("baselineTickets", rs.getLong("baseline_tickets"));
                    group.put("clientExpected", rs.getDouble("client_tickets") * rs.getDouble("category_tickets")
                            / rs.getDouble("all_tickets"));
                    return group;
                }).list();
        int minRecurrence = context.integer("minRecurrence");
        int minClients = context.integer("minClients");
        double minRatio = context.number("minRatio");
        double maxPValue = context.number("maxPValue");
        List<Map<String, Object>> projects = new ArrayList<>();
        long aboveExpectation = 0;
        for (Map<String, Object> group : groups) {
            long tickets = (long) group.get("tickets");
            Recurrence recurrence;
            if (byClient) {
                recurrence = new Recurrence(tickets, (double) group.get("clientExpected"));
            } else {
                if (baselineDays == 0 || (long) group.get("clients") < minClients) {
                    continue;
                }
                recurrence = new Recurrence(tickets, (long) group.get("baselineTickets") * (double) windowDays / baselineDays);
            }
            if (!recurrence.clearlyAbove(minRecurrence, minRatio, maxPValue)) {
                continue;
            }
            aboveExpectation++;
            MoneyAssumptions assumptions = MoneyAssumptions.of(tenant, (String) group.get("category"),
                    (String) group.get("item"), (String) group.get("subType"), (String) group.get("domain"));
            BigDecimal hours = (BigDecimal) group.get("hours");
            BigDecimal annualHours = hours.multiply(BigDecimal.valueOf(365))
                    .divide(BigDecimal.valueOf(windowDays), 12, RoundingMode.HALF_UP);
            BigDecimal annualCost = annualHours.multiply(hourlyCost);
            BigDecimal projectCost = assumptions.projectCost();
            BigDecimal annualSaving = annualCost.multiply(assumptions.reduction());
            if (projectCost.signum() == 0 || annualSaving.signum() == 0) {
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
            row.put("count", tickets);
            row.put("clients", group.get("clients"));
            if (!byClient) {
                row.put("baselineTickets", group.get("baselineTickets"));
            }
            row.put("expectedTickets", Recurrence.round4(recurrence.expected()));
            row.put("ratio", Recurrence.round4(recurrence.ratio()));
            row.put("pValue", Recurrence.roundP(recurrence.pValue()));
            row.put("hours", hours.setScale(2, RoundingMode.HALF_UP));
            row.put("annualHours", annualHours.setScale(4, RoundingMode.HALF_UP));
            row.put("annualCost", annualCost.setScale(2, RoundingMode.HALF_UP));
            row.put("projectEffortHours", assumptions.projectHours());
            row.put("projectCost", projectCost.setScale(2, RoundingMode.HALF_UP));
            row.put("reduction", assumptions.reduction());
            row.put("annualSaving", annualSaving.setScale(2, RoundingMode.HALF_UP));
            row.put("roi", roi.setScale(4, RoundingMode.HALF_UP));
            row.put("paybackMonths", projectCost.multiply(BigDecimal.valueOf(12))
                    .divide(annualSaving, 4, RoundingMode.HALF_UP));
            row.put("assumptions", assumptions.asMap());
            projects.add(row);
        }
        projects.sort(Comparator.<Map<String, Object>, BigDecimal>comparing(r -> (BigDecimal) r.get("annualSaving"))
                .thenComparing(r -> (BigDecimal) r.get("roi")).reversed()
                .thenComparing(r -> (String) r.get("category"))
                .thenComparing(r -> String.valueOf(r.get("client"))));
        List<Map<String, Object>> shown = projects.stream().limit(context.integer("maxRows")).toList();
        // the first keys make the headline (the demo prints the first few)
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("projects", projects.size());
        summary.put("totalAnnualSaving", sum(projects, "annualSaving"));
        summary.put("totalProjectCost", sum(projects, "projectCost"));
        summary.put("shown", shown.size());
        summary.put("more", projects.size() - shown.size());
        summary.put("recurringCategories", groups.size());
        summary.put("aboveExpectation", aboveExpectation);
        summary.put("windowDays", windowDays);
        summary.put("baselineDays", byClient ? null : baselineDays);
        summary.put("currency", tenant.currency());
        summary.put("hourlyCost", hourlyCost);
        return KpiOutput.of(summary, shown);
    }

    private static BigDecimal sum(List<Map<String, Object>> rows, String key) {
        return rows.stream().map(r -> (BigDecimal) r.get(key)).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }
}
