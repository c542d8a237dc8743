package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.KpiContext;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;

/**
 * SQL building blocks shared by the tech KPIs (03, 07, 09): the closed tickets of a window with the
 * tech they count for, their domain, priority, resolution and worked hours, time-entry counts and
 * SmileBack score; and each member's available hours.
 *
 * <p>Definitions, the same in every tech KPI:
 * <ul>
 * <li>A ticket counts when it is closed in the window ({@code closed_date} in [start, end)).</li>
 * <li>Its tech is the ticket owner, or, when it has none, the member with most hours on it (ties: lowest id).</li>
 * <li>Resolution hours = {@code closed_date - date_entered} in calendar hours (no business-hours variant).</li>
 * <li>Hours = the sum of all its time entries; {@code entries} counts them, {@code members} counts who logged them.</li>
 * <li>One touch (first-contact resolution): exactly one time entry (so one tech) and closed within
 *     {@code :fcrHours} of being entered.</li>
 * <li>Score: its latest rated SmileBack review (1 positive, 0 neutral, −1 negative; null when unrated), credited
 *     to the ticket's tech.</li>
 * </ul>
 * Parameters the SQL expects: {@code :start}, {@code :end}, {@code :fcrHours}.
 */
final class TechTickets {

    private TechTickets() {
    }

    /**
     * {@code WITH}-list entries (without the leading WITH) ending in {@code closed_tickets} (id, company_id, domain,
     * priority, status_name, tech_id, resolution_hours, hours, entries, one_touch, score). Set-based: the window's
     * closed tickets are joined once to their time entries and reviews (hash joins and one GROUP BY each, no per-ticket subqueries),
     * so the cost grows with the window, not with the whole history.
     */
    static String closedTicketsCte(KpiContext context) {
        return """
                closed_base AS (
                    SELECT t.id, t.company_id, %s AS domain, coalesce(t.priority_name, '') AS priority, t.status_name,
                           t.owner_member_id, extract(epoch FROM t.closed_date - t.date_entered) / 3600.0 AS resolution_hours
                    FROM cw_tickets t
                    WHERE t.deleted_at IS NULL AND t.closed_date IS NOT NULL AND t.date_entered IS NOT NULL
                      AND t.closed_date >= :start AND t.closed_date < :end),
                closed_member_hours AS (
                    SELECT x.ticket_id, x.member_id, sum(x.actual_hours) AS hours, count(*) AS entries
                    FROM cw_time_entries x
                    JOIN closed_base b ON b.id = x.ticket_id
                    WHERE x.deleted_at IS NULL
                    GROUP BY x.ticket_id, x.member_id),
                closed_entries AS (
                    SELECT ticket_id, sum(hours) AS hours, sum(entries) AS entries,
                           (array_agg(member_id ORDER BY hours DESC, member_id) FILTER (WHERE member_id IS NOT NULL))[1]
                               AS top_member
                    FROM closed_member_hours
                    GROUP BY ticket_id),
                closed_scores AS (
                    SELECT DISTINCT ON (s.ticket_id) s.ticket_id, s.score
                    FROM smileback_reviews s
                    JOIN closed_base b ON b.id = s.ticket_id
                    WHERE s.deleted_at IS NULL AND s.score IS NOT NULL
                    ORDER BY s.ticket_id, s.rated_at DESC NULLS LAST, s.id DESC),
                closed_tickets AS (
                    SELECT b.id, b.company_id, b.domain, b.priority, b.status_name,
                           coalesce(b.owner_member_id, e.top_member) AS tech_id,
                           b.resolution_hours, coalesce(e.hours, 0) AS hours, coalesce(e.entries, 0) AS entries,
                           coalesce(e.entries, 0) = 1 AND b.resolution_hours <= :fcrHours AS one_touch, r.score
                    FROM closed_base b
                    LEFT JOIN closed_entries e ON e.ticket_id = b.id
                    LEFT JOIN closed_scores r ON r.ticket_id = b.id
                    WHERE coalesce(b.owner_member_id, e.top_member) IS NOT NULL)""".formatted(context.domainSql("t"));
    }

    /**
     * A {@code WITH}-list entry named {@code billable} (member_id, billable_hours): the billable hours each member
     * logged in the window, by the entry's start.
     */
    static String billableCte() {
        return """
                billable AS (
                    SELECT x.member_id, sum(x.actual_hours) AS billable_hours
                    FROM cw_time_entries x
                    WHERE x.deleted_at IS NULL AND x.member_id IS NOT NULL AND x.billable_option = 'Billable'
                      AND x.time_start >= :start AND x.time_start < :end
                    GROUP BY x.member_id)""";
    }

    /**
     * SQL for a member's daily capacity in hours, for a {@code cw_members} row aliased {@code alias}: the tenant
     * setting {@code dailyCapacityHours} for its identifier, else the member's ConnectWise daily capacity, else 8.
     * Expects the parameter {@code :capacities} from {@link #capacitiesJson}.
     */
    static String dailyCapacitySql(String alias) {
        return "coalesce((CAST(:capacities AS jsonb) ->> " + alias + ".identifier)::numeric, nullif(" + alias
                + ".daily_capacity, 0), 8)";
    }

    /** The tenant's member → daily hours map as a JSON object, for {@link #dailyCapacitySql}. */
    static String capacitiesJson(KpiContext context) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, BigDecimal> entry : context.settings().tenant().dailyCapacityHours().entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(entry.getKey().replace("\\", "\\\\").replace("\"", "\\\"")).append("\":")
                    .append(entry.getValue().toPlainString());
        }
        return json.append('}').toString();
    }

    /** Monday to Friday days from {@code from} to {@code to}, inclusive (no holiday calendar). */
    static long workingDays(LocalDate from, LocalDate to) {
        return from.datesUntil(to.plusDays(1)).filter(d -> d.getDayOfWeek().compareTo(DayOfWeek.SATURDAY) < 0).count();
    }
}
