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

    /** A {@code WITH}-list entry named {@code closed_tickets} (without the leading WITH). */
    static String closedTicketsCte(KpiContext context) {
        return """
                closed_tickets AS (
                    SELECT t.id, t.company_id, %s AS domain, coalesce(t.priority_name, '') AS priority,
                           coalesce(t.owner_member_id, top.member_id) AS tech_id,
                           extract(epoch FROM t.closed_date - t.date_entered) / 3600.0 AS resolution_hours,
                           coalesce(e.hours, 0) AS hours, coalesce(e.entries, 0) AS entries,
                           coalesce(e.entries, 0) = 1
                               AND extract(epoch FROM t.closed_date - t.date_entered) / 3600.0 <= :fcrHours AS one_touch,
                           r.score
                    FROM cw_tickets t
                    LEFT JOIN LATERAL (
                        SELECT sum(x.actual_hours) AS hours, count(*) AS entries
                        FROM cw_time_entries x
                        WHERE x.charge_to_id = t.id AND x.deleted_at IS NULL
                          AND coalesce(x.charge_to_type, 'ServiceTicket') = 'ServiceTicket') e ON true
                    LEFT JOIN LATERAL (
                        SELECT x.member_id
                        FROM cw_time_entries x
                        WHERE x.charge_to_id = t.id AND x.deleted_at IS NULL AND x.member_id IS NOT NULL
                          AND coalesce(x.charge_to_type, 'ServiceTicket') = 'ServiceTicket'
                        GROUP BY x.member_id
                        ORDER BY sum(x.actual_hours) DESC, x.member_id
                        LIMIT 1) top ON true
                    LEFT JOIN LATERAL (
                        SELECT s.score
                        FROM smileback_reviews s
                        WHERE s.ticket_id = t.id AND s.deleted_at IS NULL AND s.score IS NOT NULL
                        ORDER BY s.rated_at DESC NULLS LAST, s.id DESC
                        LIMIT 1) r ON true
                    WHERE t.deleted_at IS NULL AND t.closed_date IS NOT NULL AND t.date_entered IS NOT NULL
                      AND t.closed_date >= :start AND t.closed_date < :end
                      AND coalesce(t.owner_member_id, top.member_id) IS NOT NULL)""".formatted(context.domainSql("t"));
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

    /** Rounds to 4 decimals (rates, ratios, z-scores); null stays null. */
    static Double round4(Number value) {
        return value == null ? null : Math.round(value.doubleValue() * 10_000) / 10_000.0;
    }

    /** Rounds to 2 decimals (hours); null stays null. */
    static Double round2(Number value) {
        return value == null ? null : Math.round(value.doubleValue() * 100) / 100.0;
    }
}
