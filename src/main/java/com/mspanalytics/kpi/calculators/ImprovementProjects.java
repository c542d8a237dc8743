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
class ImprovementProjects implements Kpi<ImprovementProjectsResult> {

    @Override
    public String slug() {
        return "improvement-projects";
    }

    @Override
    public int defaultLookbackDays() {
        return 180;
    }

    @Override
    public TenantSettings.KpiTarget defaultTarget() {
        return new TenantSettings.KpiTarget(new BigDecimal("5000"), new BigDecimal("15000"));
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
    public Class<ImprovementProjectsResult> resultType() {
        return ImprovementProjectsResult.class;
    }

    @Override
    public KpiOutput<ImprovementProjectsResult> compute(KpiContext context) {
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
        List<Group> groups = context.jdbc().sql("""
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
                .query((rs, n) -> new Group((Long) rs.getObject("company_id_out"), rs.getString("client_name"),
                        rs.getString("category"), rs.getString("domain"), rs.getString("sub_type"), rs.getString("item"),
                        rs.getLong("tickets"), rs.getBigDecimal("hours"), rs.getLong("clients"),
                        rs.getLong("baseline_tickets"),
                        rs.getDouble("client_tickets") * rs.getDouble("category_tickets") / rs.getDouble("all_tickets")))
                .list();
        int minRecurrence = context.integer("minRecurrence");
        int minClients = context.integer("minClients");
        double minRatio = context.number("minRatio");
        double maxPValue = context.number("maxPValue");
        List<ImprovementProjectsResult.Project> projects = new ArrayList<>();
        long aboveExpectation = 0;
        for (Group group : groups) {
            Recurrence recurrence;
            if (byClient) {
                recurrence = new Recurrence(group.tickets(), group.clientExpected());
            } else {
                if (baselineDays == 0 || group.clients() < minClients) {
                    continue;
                }
                recurrence = new Recurrence(group.tickets(), group.baselineTickets() * (double) windowDays / baselineDays);
            }
            if (!recurrence.clearlyAbove(minRecurrence, minRatio, maxPValue)) {
                continue;
            }
            aboveExpectation++;
            MoneyAssumptions assumptions = MoneyAssumptions.of(tenant, group.category(), group.item(), group.subType(),
                    group.domain());
            BigDecimal annualHours = group.hours().multiply(BigDecimal.valueOf(365))
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
            projects.add(new ImprovementProjectsResult.Project(group.client(), group.companyId(), group.category(),
                    group.tickets(), group.clients(), byClient ? null : group.baselineTickets(),
                    Statistics.round4(recurrence.expected()), Statistics.round4(recurrence.ratio()),
                    Statistics.roundP(recurrence.pValue()), group.hours().setScale(2, RoundingMode.HALF_UP),
                    annualHours.setScale(4, RoundingMode.HALF_UP), annualCost.setScale(2, RoundingMode.HALF_UP),
                    assumptions.projectHours(), projectCost.setScale(2, RoundingMode.HALF_UP), assumptions.reduction(),
                    annualSaving.setScale(2, RoundingMode.HALF_UP), roi.setScale(4, RoundingMode.HALF_UP),
                    projectCost.multiply(BigDecimal.valueOf(12)).divide(annualSaving, 4, RoundingMode.HALF_UP),
                    assumptions));
        }
        projects.sort(Comparator.comparing(ImprovementProjectsResult.Project::annualSaving)
                .thenComparing(ImprovementProjectsResult.Project::roi).reversed()
                .thenComparing(ImprovementProjectsResult.Project::category)
                .thenComparing(p -> String.valueOf(p.client())));
        List<ImprovementProjectsResult.Project> shown = projects.stream().limit(context.integer("maxRows")).toList();
        return KpiOutput.of(new ImprovementProjectsResult(new ImprovementProjectsResult.Summary(projects.size(),
                Money.sum(projects, ImprovementProjectsResult.Project::annualSaving),
                Money.sum(projects, ImprovementProjectsResult.Project::projectCost), shown.size(),
                projects.size() - shown.size(), groups.size(), aboveExpectation, windowDays,
                byClient ? null : baselineDays, tenant.currency(), hourlyCost), shown));
    }

    /**
     * One recurring group: an issue category, or with {@code byClient} a client's.
     *
     * @param clientExpected the client's tickets at the tenant's category mix (the {@code byClient} expectation)
     */
    private record Group(Long companyId, String client, String category, String domain, String subType, String item,
            long tickets, BigDecimal hours, long clients, long baselineTickets, double clientExpected) {
    }
}
