package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.Kpi;
import com.mspanalytics.kpi.KpiContext;
import com.mspanalytics.kpi.KpiOutput;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * KPI 01: clients who keep hitting the same problem that a product or project would remove.
 *
 * <p>Tickets entered in the window, grouped by (client, issue category); a group with at least
 * {@code minRecurrence} tickets is an opportunity. Hours are the tickets' time entries (all of them,
 * also those logged after the window: the cost of the problem). Ranked by {@code score = tickets ×
 * hours}. The offering comes from the tenant's category map, matched on the whole category, then on
 * its item, subType and domain (case-insensitive); unmapped categories read "Review with client".
 */
@Component
class SalesOpportunities implements Kpi<UntypedResult> {

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
    public Map<String, Object> defaultParams(KpiContext.Settings settings) {
        return Map.of("minRecurrence", 5);
    }

    @Override
    public Class<UntypedResult> resultType() {
        return UntypedResult.class;
    }

    @Override
    public KpiOutput<UntypedResult> compute(KpiContext context) {
        BigDecimal hourlyCost = context.settings().tenant().hourlyCost();
        List<Map<String, Object>> rows = context.jdbc().sql("""
                WITH window_tickets AS (
                    SELECT t.id, t.summary, t.company_id, %s AS category, %s AS domain,
                           t.subtype_name, t.item_name
                    FROM cw_tickets t
                    WHERE t.deleted_at IS NULL AND t.date_entered >= :start AND t.date_entered < :end),
                ticket_hours AS (
                    SELECT w.id, coalesce(sum(e.actual_hours), 0) AS hours
                    FROM window_tickets w
                    LEFT JOIN cw_time_entries e ON e.ticket_id = w.id AND e.deleted_at IS NULL
                    GROUP BY w.id)
                SELECT w.company_id, coalesce(c.name, 'Company ' || w.company_id) AS client, c.identifier,
                       w.category, w.domain,
                       min(w.subtype_name) AS sub_type, min(w.item_name) AS item,
                       count(*) AS tickets, sum(h.hours) AS hours,
                       (array_agg(w.id ORDER BY w.id DESC))[1 : 5] AS example_ids,
                       (array_agg(w.summary ORDER BY w.id DESC))[1 : 5] AS example_summaries
                FROM window_tickets w
                JOIN ticket_hours h ON h.id = w.id
                LEFT JOIN cw_companies c ON c.id = w.company_id
                GROUP BY w.company_id, c.name, c.identifier, w.category, w.domain
                HAVING count(*) >= :minRecurrence
                ORDER BY count(*) * sum(h.hours) DESC, client, w.category
                """.formatted(context.categorySql("t"), context.domainSql("t")))
                .param("start", java.sql.Timestamp.from(context.start()))
                .param("end", java.sql.Timestamp.from(context.end()))
                .param("minRecurrence", context.integer("minRecurrence"))
                .query((rs, n) -> {
                    long tickets = rs.getLong("tickets");
                    BigDecimal hours = rs.getBigDecimal("hours").setScale(2, RoundingMode.HALF_UP);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("client", rs.getString("client"));
                    row.put("clientIdentifier", rs.getString("identifier"));
                    row.put("companyId", rs.getLong("company_id"));
                    row.put("category", rs.getString("category"));
                    row.put("ticketCount", tickets);
                    row.put("hours", hours);
                    row.put("costToMsp", hours.multiply(hourlyCost).setScale(2, RoundingMode.HALF_UP));
                    row.put("offering", offering(context.settings().tenant().categoryOfferings(), rs.getString("category"),
                            rs.getString("item"), rs.getString("sub_type"), rs.getString("domain")));
                    row.put("score", hours.multiply(BigDecimal.valueOf(tickets)).setScale(2, RoundingMode.HALF_UP));
                    row.put("exampleTicketIds", List.of((Long[]) rs.getArray("example_ids").getArray()));
                    row.put("exampleSummaries", List.of((String[]) rs.getArray("example_summaries").getArray()));
                    return row;
                }).list();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("opportunities", rows.size());
        summary.put("clients", rows.stream().map(r -> r.get("companyId")).distinct().count());
        summary.put("totalCostToMsp", rows.stream().map(r -> (BigDecimal) r.get("costToMsp"))
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        summary.put("currency", context.settings().tenant().currency());
        return KpiOutput.of(new UntypedResult(summary, rows));
    }

    /** The first of category, item, subType, domain that the map names (case-insensitive). */
    static String offering(Map<String, String> offerings, String... candidates) {
        return CategoryMaps.lookup(offerings, candidates).orElse(UNMAPPED);
    }
}
