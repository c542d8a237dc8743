package com.mspanalytics.dashboard;

import com.mspanalytics.kpi.KpiService;
import com.mspanalytics.kpi.calculators.AgreementMismatchResult;
import com.mspanalytics.kpi.calculators.SalesOpportunitiesResult;
import com.mspanalytics.kpi.calculators.TechEfficiencyResult;
import com.mspanalytics.kpi.calculators.TechProfileResult;
import com.mspanalytics.settings.TenantSettings;
import com.mspanalytics.settings.TenantSettingsService;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client and tech pages from the synced tables (hours and tickets: bounded queries, a fixed number per page) and
 * the KPIs' latest stored results. Under row-level security another tenant's client does not exist: empty, a 404.
 */
@Component
class EntityPages {

    static final int WEEKS = 12;
    static final int TICKETS = 20;

    private final JdbcClient jdbc;
    private final KpiService kpis;
    private final TenantSettingsService settings;
    private final JsonMapper json;
    private final Clock clock;

    EntityPages(JdbcClient jdbc, KpiService kpis, TenantSettingsService settings, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.kpis = kpis;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Optional<EntityPage> client(long companyId) {
        record Company(String name, String identifier) {
        }
        Optional<Company> company = jdbc.sql("SELECT name, identifier FROM cw_companies WHERE id = :id")
                .param("id", companyId).query((rs, n) -> new Company(rs.getString("name"), rs.getString("identifier")))
                .optional();
        if (company.isEmpty()) {
            return Optional.empty();
        }
        TenantSettings tenant = settings.current();
        ChartSpec hours = weeklyHours("e.company_id = :id", companyId, tenant);
        List<EntityPage.Ticket> tickets = jdbc.sql("""
                SELECT t.id, t.summary, t.status_name, t.board_name, t.date_entered, t.owner_member_id,
                       coalesce(nullif(concat_ws(' ', m.first_name, m.last_name), ''), m.identifier) AS tech
                FROM cw_tickets t LEFT JOIN cw_members m ON m.id = t.owner_member_id
                WHERE t.company_id = :id AND t.deleted_at IS NULL
                ORDER BY t.date_entered DESC NULLS LAST, t.id DESC LIMIT :limit
                """).param("id", companyId).param("limit", TICKETS)
                .query((rs, n) -> ticket(rs, rs.getString("tech"), rs.getObject("owner_member_id") == null ? null
                        : "/app/techs/" + rs.getLong("owner_member_id"), tenant.timeZone()))
                .list();
        List<EntityPage.Finding> findings = new ArrayList<>();
        kpis.latestStandard("agreement-mismatch").map(r -> r.body(AgreementMismatchResult.class)).ifPresent(r -> r.rows()
                .stream().filter(c -> c.companyId() == companyId).forEach(c -> findings.add(new EntityPage.Finding(
                        "Agreement Mismatch", Formats.value(c.recoverable(), com.mspanalytics.kpi.Headline.Unit.MONEY,
                        tenant.currency()) + " recoverable (" + Formats.decimal(c.recoverableHours(), 2)
                        + " h unbilled), " + Formats.decimal(c.billedOutsideHours(), 2) + " h billed outside agreement",
                        "/app/kpi/agreement-mismatch"))));
        kpis.latestStandard("sales-opportunities").map(r -> r.body(SalesOpportunitiesResult.class)).ifPresent(r -> r.rows()
                .stream().filter(o -> o.companyId() == companyId).forEach(o -> findings.add(new EntityPage.Finding(
                        "Sales Opportunities", o.ticketCount() + " " + o.category() + " tickets, " + o.hours()
                        + " h; offer: " + o.offering(), "/app/kpi/sales-opportunities"))));
        return Optional.of(new EntityPage("Client", company.get().name(), company.get().identifier(),
                hoursText(hours), hours, json.writeValueAsString(hours), tickets, findings));
    }

    @Transactional(readOnly = true)
    Optional<EntityPage> tech(long memberId) {
        record Member(String name, String identifier) {
        }
        Optional<Member> member = jdbc.sql("""
                SELECT coalesce(nullif(concat_ws(' ', first_name, last_name), ''), identifier) AS name, identifier
                FROM cw_members WHERE id = :id""")
                .param("id", memberId).query((rs, n) -> new Member(rs.getString("name"), rs.getString("identifier")))
                .optional();
        if (member.isEmpty()) {
            return Optional.empty();
        }
        TenantSettings tenant = settings.current();
        ChartSpec hours = weeklyHours("e.member_id = :id", memberId, tenant);
        List<EntityPage.Ticket> tickets = jdbc.sql("""
                SELECT t.id, t.summary, t.status_name, t.board_name, t.date_entered, t.company_id, c.name AS client
                FROM cw_tickets t LEFT JOIN cw_companies c ON c.id = t.company_id
                WHERE t.owner_member_id = :id AND t.deleted_at IS NULL
                ORDER BY t.date_entered DESC NULLS LAST, t.id DESC LIMIT :limit
                """).param("id", memberId).param("limit", TICKETS)
                .query((rs, n) -> ticket(rs, rs.getString("client"), rs.getObject("company_id") == null ? null
                        : "/app/clients/" + rs.getLong("company_id"), tenant.timeZone()))
                .list();
        List<EntityPage.Finding> findings = new ArrayList<>();
        kpis.latestStandard("tech-efficiency").map(r -> r.body(TechEfficiencyResult.class)).ifPresent(r -> r.rows().stream()
                .filter(t -> t.memberId() == memberId).forEach(t -> findings.add(new EntityPage.Finding("Tech Efficiency",
                        t.closed() + " tickets closed, median resolution " + RecordTable.text(t.medianResolutionHours())
                        + " h, utilization " + (t.utilization() == null ? "–" : Formats.decimal(
                        BigDecimal.valueOf(t.utilization() * 100), 1) + " %"), "/app/kpi/tech-efficiency"))));
        kpis.latestStandard("tech-profile").map(r -> r.body(TechProfileResult.class)).ifPresent(r -> r.rows().stream()
                .filter(t -> t.memberId() == memberId).forEach(t -> findings.add(new EntityPage.Finding("Tech Profile",
                        "top domains " + String.join(", ", t.topDomains()) + "; specialisation "
                        + RecordTable.text(t.specialisation()), "/app/kpi/tech-profile"))));
        return Optional.of(new EntityPage("Tech", member.get().name(), member.get().identifier(), hoursText(hours),
                hours, json.writeValueAsString(hours), tickets, findings));
    }

    /**
     * Billable and other hours per week (Monday first, tenant time zone), the last {@value #WEEKS} weeks. The whole
     * span's bounds are in the join too: they bound the index scan of the client's or tech's entries to the 12 weeks
     * whatever join the planner picks (without them it read all of a busy tech's 280k entries and compared each with
     * every week).
     */
    private ChartSpec weeklyHours(String condition, long id, TenantSettings tenant) {
        ZoneId zone = ZoneId.of(tenant.timeZone());
        LocalDate thisMonday = LocalDate.now(clock.withZone(zone)).with(java.time.DayOfWeek.MONDAY);
        LocalDate first = thisMonday.minusWeeks(WEEKS - 1);
        record Week(LocalDate monday, double billable, double other) {
        }
        List<Week> weeks = jdbc.sql("""
                WITH weeks AS (SELECT generate_series(CAST(:first AS date), CAST(:last AS date), interval '7 days')::date AS monday)
                SELECT w.monday,
                       coalesce(sum(e.actual_hours) FILTER (WHERE e.billable_option = 'Billable'), 0) AS billable,
                       coalesce(sum(e.actual_hours) FILTER (WHERE e.billable_option IS DISTINCT FROM 'Billable'), 0) AS other
                FROM weeks w
                LEFT JOIN cw_time_entries e ON %s AND e.deleted_at IS NULL
                     AND e.time_start >= (CAST(:first AS date)::timestamp AT TIME ZONE :zone)
                     AND e.time_start < ((CAST(:last AS date) + 7)::timestamp AT TIME ZONE :zone)
                     AND e.time_start >= (w.monday::timestamp AT TIME ZONE :zone)
                     AND e.time_start < ((w.monday + 7)::timestamp AT TIME ZONE :zone)
                GROUP BY w.monday ORDER BY w.monday
                """.formatted(condition))
                .param("first", first).param("last", thisMonday).param("zone", zone.getId()).param("id", id)
                .query((rs, n) -> new Week(rs.getObject("monday", LocalDate.class), rs.getDouble("billable"),
                        rs.getDouble("other")))
                .list();
        return ChartSpec.stacked("Hours per week (last " + WEEKS + " weeks)",
                weeks.stream().map(w -> w.monday().toString()).toList(), "h",
                new ChartSpec.Series("billable", weeks.stream().map(Week::billable).toList()),
                new ChartSpec.Series("not billable", weeks.stream().map(Week::other).toList()));
    }

    private static String hoursText(ChartSpec hours) {
        double total = hours.series().stream().flatMap(s -> s.data().stream()).mapToDouble(Double::doubleValue).sum();
        return Formats.decimal(BigDecimal.valueOf(total), 1) + " h in the last " + WEEKS + " weeks";
    }

    private static EntityPage.Ticket ticket(java.sql.ResultSet rs, String other, String otherHref, String zone)
            throws java.sql.SQLException {
        java.sql.Timestamp entered = rs.getTimestamp("date_entered");
        return new EntityPage.Ticket(rs.getLong("id"), String.valueOf(rs.getString("summary")),
                String.valueOf(rs.getString("status_name")), String.valueOf(rs.getString("board_name")),
                entered == null ? "" : entered.toInstant().atZone(ZoneId.of(zone)).toLocalDate().toString(), other,
                otherHref);
    }
}
