package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.Kpi;
import com.mspanalytics.kpi.KpiContext;
import com.mspanalytics.kpi.KpiOutput;
import com.mspanalytics.settings.TenantSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * KPI 01: clients who keep hitting the same problem, clearly more than their size explains, that a
 * product or project would remove.
 *
 * <p>Tickets entered in the window, grouped by (client, issue category). A busy client passes any
 * absolute count in every category, so a pair is judged against what the client's own volume predicts:
 * {@code expectedTickets = clientTickets × categoryTickets / allTickets} (the client at the tenant's
 * category mix, all counted in the window). It is an opportunity when {@code ticketCount >=
 * minRecurrence} (5), {@code ratio = ticketCount / expectedTickets >= minRatio} (2) and the Poisson
 * tail {@code P(X >= ticketCount)} under {@code expectedTickets} is below {@code maxPValue} (0.01), see
 * {@link Recurrence}. Hours are the tickets' time entries (all of them, also those logged after the
 * window: the cost of the problem); {@code costToMsp = hours × hourlyCost}; {@code expectedSaving =
 * costToMsp × reduction}, the reduction the tenant expects of the offering for that category. Every row
 * carries those {@code assumptions} (hourlyCost, reduction, projectHours).
 *
 * <p>Ranked by the money at stake, {@code expectedSaving} (then costToMsp, client, category); the first
 * {@code maxRows} (10) are rows, and the summary counts all that qualify ({@code opportunities},
 * {@code clients}, {@code totalCostToMsp}) and how many are {@code shown} and how many {@code more}.
 * The offering comes from the tenant's category map, matched on the whole category, then on its item,
 * subType and domain (case-insensitive); unmapped categories read "Review with client".
 */
@Component
class SalesOpportunities implements Kpi<SalesOpportunitiesResult> {

    static final String UNMAPPED = "Review with client";

    @Override
    public String slug() {
        return "sales-opportunities";
    }

    @Override
    public int defaultLookbackDays() {
        return 90;
    }

    @Override
    public TenantSettings.KpiTarget defaultTarget() {
        return new TenantSettings.KpiTarget(new BigDecimal("3"), new BigDecimal("6"));
    }

    @Override
    public Map<String, Object> defaultParams(KpiContext.Settings settings) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("minRecurrence", 5);
        params.put("minRatio", 2.0);
        params.put("maxPValue", 0.01);
        params.put("maxRows", 10);
        return params;
    }

    @Override
    public Class<SalesOpportunitiesResult> resultType() {
        return SalesOpportunitiesResult.class;
    }

    @Override
    public KpiOutput<SalesOpportunitiesResult> compute(KpiContext context) {
        TenantSettings tenant = context.settings().tenant();
        int minRecurrence = context.integer("minRecurrence");
        double minRatio = context.number("minRatio");
        double maxPValue = context.number("maxPValue");
        List<SalesOpportunitiesResult.Opportunity> qualifying = new ArrayList<>();
        context.jdbc().sql("""
                WITH window_tickets AS (
                    SELECT t.id, t.summary, t.company_id, %s AS category, %s AS domain,
                           t.subtype_name, t.item_name
                    FROM cw_tickets t
                    WHERE t.deleted_at IS NULL AND t.date_entered >= :start AND t.date_entered < :end),
                ticket_hours AS (
                    SELECT w.id, coalesce(sum(e.actual_hours), 0) AS hours
                    FROM window_tickets w
                    LEFT JOIN cw_time_entries e ON e.ticket_id = w.id AND e.deleted_at IS NULL
                    GROUP BY w.id),
                pairs AS (
                    SELECT w.company_id, w.category, w.domain,
                           min(w.subtype_name) AS sub_type, min(w.item_name) AS item,
                           count(*) AS tickets, sum(h.hours) AS hours,
                           (array_agg(w.id ORDER BY w.id DESC))[1 : 5] AS example_ids,
                           (array_agg(w.summary ORDER BY w.id DESC))[1 : 5] AS example_summaries
                    FROM window_tickets w
                    JOIN ticket_hours h ON h.id = w.id
                    GROUP BY w.company_id, w.category, w.domain),
                exposure AS (
                    SELECT p.*, sum(p.tickets) OVER (PARTITION BY p.company_id) AS client_tickets,
                           sum(p.tickets) OVER (PARTITION BY p.category) AS category_tickets,
                           sum(p.tickets) OVER () AS all_tickets
                    FROM pairs p)
                SELECT x.*, coalesce(c.name, 'Company ' || x.company_id) AS client, c.identifier
                FROM exposure x
                LEFT JOIN cw_companies c ON c.id = x.company_id
                WHERE x.tickets >= :minRecurrence
                ORDER BY client, x.category
                """.formatted(context.categorySql("t"), context.domainSql("t")))
                .param("start", java.sql.Timestamp.from(context.start()))
                .param("end", java.sql.Timestamp.from(context.end()))
                .param("minRecurrence", minRecurrence)
                .query(rs -> {
                    long tickets = rs.getLong("tickets");
                    Recurrence recurrence = new Recurrence(tickets,
                            rs.getDouble("client_tickets") * rs.getDouble("category_tickets") / rs.getDouble("all_tickets"));
                    if (!recurrence.clearlyAbove(minRecurrence, minRatio, maxPValue)) {
                        return;
                    }
                    String category = rs.getString("category");
                    MoneyAssumptions assumptions = MoneyAssumptions.of(tenant, category, rs.getString("item"),
                            rs.getString("sub_type"), rs.getString("domain"));
                    BigDecimal hours = rs.getBigDecimal("hours").setScale(2, RoundingMode.HALF_UP);
                    BigDecimal cost = hours.multiply(assumptions.hourlyCost()).setScale(2, RoundingMode.HALF_UP);
                    qualifying.add(new SalesOpportunitiesResult.Opportunity(rs.getString("client"),
                            rs.getString("identifier"), rs.getLong("company_id"), category, tickets,
                            Statistics.round4(recurrence.expected()), Statistics.round4(recurrence.ratio()),
                            Statistics.roundP(recurrence.pValue()), hours, cost,
                            cost.multiply(assumptions.reduction()).setScale(2, RoundingMode.HALF_UP),
                            offering(tenant.categoryOfferings(), category, rs.getString("item"),
                                    rs.getString("sub_type"), rs.getString("domain")),
                            assumptions, List.of((Long[]) rs.getArray("example_ids").getArray()),
                            List.of((String[]) rs.getArray("example_summaries").getArray())));
                });
        qualifying.sort(Comparator.comparing(SalesOpportunitiesResult.Opportunity::expectedSaving)
                .thenComparing(SalesOpportunitiesResult.Opportunity::costToMsp).reversed()
                .thenComparing(SalesOpportunitiesResult.Opportunity::client)
                .thenComparing(SalesOpportunitiesResult.Opportunity::category));
        List<SalesOpportunitiesResult.Opportunity> shown = qualifying.stream().limit(context.integer("maxRows")).toList();
        SalesOpportunitiesResult.Summary summary = new SalesOpportunitiesResult.Summary(qualifying.size(),
                qualifying.stream().map(SalesOpportunitiesResult.Opportunity::companyId).distinct().count(),
                Money.sum(qualifying, SalesOpportunitiesResult.Opportunity::costToMsp),
                Money.sum(qualifying, SalesOpportunitiesResult.Opportunity::expectedSaving), shown.size(),
                qualifying.size() - shown.size(), tenant.currency(), tenant.hourlyCost());
        return KpiOutput.of(new SalesOpportunitiesResult(summary, shown));
    }

    /** The first of category, item, subType, domain that the map names (case-insensitive). */
    static String offering(Map<String, String> offerings, String... candidates) {
        return CategoryMaps.lookup(offerings, candidates).orElse(UNMAPPED);
    }
}
