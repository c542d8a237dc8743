package com.mspanalytics.dashboard;

import com.mspanalytics.kpi.KpiService;
import com.mspanalytics.kpi.calculators.AgreementMismatchResult;
import com.mspanalytics.kpi.calculators.SalesOpportunitiesResult;
import com.mspanalytics.kpi.calculators.TechEfficiencyResult;
import com.mspanalytics.kpi.calculators.TechProfileResult;
import com.mspanalytics.settings.TenantSettings;
import com.mspanalytics.settings.TenantSettingsService;
import java.math.BigDecimal;
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

    static final int TICKETS = 20;
    static final int REVIEWS = 10;
    static final int EVENTS = 10;

    private final JdbcClient jdbc;
    private final KpiService kpis;
    private final TenantSettingsService settings;
    private final JsonMapper json;
    private final AnomaliesPages anomalies;

    EntityPages(JdbcClient jdbc, KpiService kpis, TenantSettingsService settings, JsonMapper json,
            AnomaliesPages anomalies) {
        this.anomalies = anomalies;
        this.jdbc = jdbc;
        this.kpis = kpis;
        this.settings = settings;
        this.json = json;
    }

    @Transactional(readOnly = true)
    Optional<EntityPage> client(long companyId, PageFilter filter) {
        record Company(String name, String identifier) {
        }
        Optional<Company> company = jdbc.sql("SELECT name, identifier FROM cw_companies WHERE id = :id")
                .param("id", companyId).query((rs, n) -> new Company(rs.getString("name"), rs.getString("identifier")))
                .optional();
        if (company.isEmpty()) {
            return Optional.empty();
        }
        TenantSettings tenant = settings.current();
        ChartSpec hours = weeklyHours("e.company_id = :id", companyId, filter, tenant);
        List<EntityPage.Ticket> tickets = jdbc.sql("""
                SELECT t.id, t.summary, t.status_name, t.board_name, t.date_entered, t.owner_member_id,
                       coalesce(nullif(concat_ws(' ', m.first_name, m.last_name), ''), m.identifier) AS tech
                FROM cw_tickets t LEFT JOIN cw_members m ON m.id = t.owner_member_id
                WHERE t.company_id = :id AND t.deleted_at IS NULL
                  AND t.date_entered >= (CAST(:from AS date)::timestamp AT TIME ZONE :zone)
                  AND t.date_entered < ((CAST(:to AS date) + 1)::timestamp AT TIME ZONE :zone)
                ORDER BY t.date_entered DESC NULLS LAST, t.id DESC LIMIT :limit
                """).param("id", companyId).param("limit", TICKETS).param("from", filter.from())
                .param("to", filter.to()).param("zone", tenant.timeZone())
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
        Ratings ratings = ratings("t.company_id = :id", companyId, filter, tenant);
        List<EntityPage.SocEvent> events = socEvents(company.get().identifier(), company.get().name(), filter, tenant);
        return Optional.of(new EntityPage("Client", company.get().name(), company.get().identifier(),
                hoursText(hours, filter), hours, json.writeValueAsString(hours), tickets, findings, ratings.text(),
                ratings.latest(), socText(company.get().identifier(), company.get().name(), filter), events,
                anomalies.openAbout(company.get().identifier(), company.get().name())));
    }

    /** The tech's page; a chosen client narrows the tech's hours and tickets to the work for that client. */
    @Transactional(readOnly = true)
    Optional<EntityPage> tech(long memberId, PageFilter filter) {
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
        String forClient = filter.client() == null ? "" : " AND e.company_id = " + filter.client();
        ChartSpec hours = weeklyHours("e.member_id = :id" + forClient, memberId, filter, tenant);
        List<EntityPage.Ticket> tickets = jdbc.sql("""
                SELECT t.id, t.summary, t.status_name, t.board_name, t.date_entered, t.company_id, c.name AS client
                FROM cw_tickets t LEFT JOIN cw_companies c ON c.id = t.company_id
                WHERE t.owner_member_id = :id AND t.deleted_at IS NULL
                  AND (CAST(:client AS bigint) IS NULL OR t.company_id = CAST(:client AS bigint))
                  AND t.date_entered >= (CAST(:from AS date)::timestamp AT TIME ZONE :zone)
                  AND t.date_entered < ((CAST(:to AS date) + 1)::timestamp AT TIME ZONE :zone)
                ORDER BY t.date_entered DESC NULLS LAST, t.id DESC LIMIT :limit
                """).param("id", memberId).param("limit", TICKETS).param("client", filter.client())
                .param("from", filter.from()).param("to", filter.to()).param("zone", tenant.timeZone())
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
        Ratings ratings = ratings("t.owner_member_id = :id" + (filter.client() == null ? ""
                : " AND t.company_id = " + filter.client()), memberId, filter, tenant);
        return Optional.of(new EntityPage("Tech", member.get().name(), member.get().identifier(), hoursText(hours, filter),
                hours, json.writeValueAsString(hours), tickets, findings, ratings.text(), ratings.latest(), null,
                List.of(), List.of()));
    }

    private record Ratings(String text, List<EntityPage.Review> latest) {
    }

    /** SmileBack ratings of the tickets that match {@code condition}, rated in the range: counts and the latest few. */
    private Ratings ratings(String condition, long id, PageFilter filter, TenantSettings tenant) {
        String from = """
                FROM smileback_reviews s JOIN cw_tickets t ON t.id = s.ticket_id AND t.deleted_at IS NULL
                WHERE s.deleted_at IS NULL AND s.rating IS NOT NULL AND %s
                  AND s.rated_at >= (CAST(:from AS date)::timestamp AT TIME ZONE :zone)
                  AND s.rated_at < ((CAST(:to AS date) + 1)::timestamp AT TIME ZONE :zone)
                """.formatted(condition);
        record Counts(long positive, long neutral, long negative) {
        }
        Counts counts = jdbc.sql("SELECT count(*) FILTER (WHERE s.rating = 'positive') AS positive, "
                        + "count(*) FILTER (WHERE s.rating = 'neutral') AS neutral, "
                        + "count(*) FILTER (WHERE s.rating = 'negative') AS negative " + from)
                .param("id", id).param("from", filter.from()).param("to", filter.to()).param("zone", tenant.timeZone())
                .query((rs, n) -> new Counts(rs.getLong("positive"), rs.getLong("neutral"), rs.getLong("negative")))
                .single();
        List<EntityPage.Review> latest = jdbc.sql("SELECT s.ticket_id, s.rating, s.rated_at, s.raw ->> 'comment' AS comment "
                        + from + " ORDER BY s.rated_at DESC, s.id DESC LIMIT :limit")
                .param("id", id).param("from", filter.from()).param("to", filter.to()).param("zone", tenant.timeZone())
                .param("limit", REVIEWS)
                .query((rs, n) -> new EntityPage.Review(rs.getLong("ticket_id"), rs.getString("rating"),
                        day(rs.getTimestamp("rated_at"), tenant), rs.getString("comment") == null ? ""
                        : rs.getString("comment")))
                .list();
        long total = counts.positive() + counts.neutral() + counts.negative();
        String text = total == 0 ? "No CSAT ratings in this range"
                : total + " ratings: " + counts.positive() + " positive, " + counts.neutral() + " neutral, "
                        + counts.negative() + " negative (" + Formats.decimal(BigDecimal.valueOf(100.0 * counts.positive()
                        / total), 1) + " % positive)";
        return new Ratings(text, latest);
    }

    /** The client's security events: matched by name or identifier, as SOC Metrics matches them. */
    private static final String CLIENT_EVENTS = """
            FROM security_events e
            WHERE lower(:identifier) IN (lower(e.client_name), lower(e.client_key))
               OR lower(:name) IN (lower(e.client_name), lower(e.client_key))
            """;

    private List<EntityPage.SocEvent> socEvents(String identifier, String name, PageFilter filter, TenantSettings tenant) {
        return jdbc.sql("SELECT * FROM (SELECT e.source, e.severity, e.status, e.title, e.created_at, e.acknowledged_at "
                        + CLIENT_EVENTS + ") e WHERE e.created_at >= (CAST(:from AS date)::timestamp AT TIME ZONE :zone)"
                        + " AND e.created_at < ((CAST(:to AS date) + 1)::timestamp AT TIME ZONE :zone)"
                        + " ORDER BY e.created_at DESC LIMIT :limit")
                .param("identifier", identifier).param("name", name).param("from", filter.from())
                .param("to", filter.to()).param("zone", tenant.timeZone()).param("limit", EVENTS)
                .query((rs, n) -> {
                    java.sql.Timestamp created = rs.getTimestamp("created_at");
                    java.sql.Timestamp acknowledged = rs.getTimestamp("acknowledged_at");
                    return new EntityPage.SocEvent(rs.getString("source"), rs.getString("severity"),
                            rs.getString("status"), String.valueOf(rs.getString("title")),
                            created.toInstant().atZone(ZoneId.of(tenant.timeZone())).toLocalDateTime().toString()
                                    .replace('T', ' ').substring(0, 16),
                            acknowledged == null ? "not acknowledged"
                                    : Formats.duration(java.time.Duration.between(created.toInstant(), acknowledged.toInstant())));
                })
                .list();
    }

    private String socText(String identifier, String name, PageFilter filter) {
        TenantSettings tenant = settings.current();
        record Counts(long events, long open, long critical) {
        }
        Counts counts = jdbc.sql("SELECT count(*) AS events, count(*) FILTER (WHERE e.status <> 'resolved') AS open, "
                        + "count(*) FILTER (WHERE e.severity IN ('critical', 'high')) AS critical FROM (SELECT e.* "
                        + CLIENT_EVENTS + ") e WHERE e.created_at >= (CAST(:from AS date)::timestamp AT TIME ZONE :zone)"
                        + " AND e.created_at < ((CAST(:to AS date) + 1)::timestamp AT TIME ZONE :zone)")
                .param("identifier", identifier).param("name", name).param("from", filter.from())
                .param("to", filter.to()).param("zone", tenant.timeZone())
                .query((rs, n) -> new Counts(rs.getLong("events"), rs.getLong("open"), rs.getLong("critical"))).single();
        return counts.events() == 0 ? "No security events in this range"
                : counts.events() + " security events, " + counts.critical() + " critical or high, " + counts.open()
                        + " not resolved";
    }

    private static String day(java.sql.Timestamp at, TenantSettings tenant) {
        return at == null ? "" : at.toInstant().atZone(ZoneId.of(tenant.timeZone())).toLocalDate().toString();
    }

    /**
     * Billable and other hours per week (Monday first, tenant time zone) of the weeks the range touches; the first
     * and last weeks count only their days inside the range. The whole range's bounds are in the join too: they
     * bound the index scan of the client's or tech's entries whatever join the planner picks (without them it read
     * all of a busy tech's 280k entries and compared each with every week).
     */
    private ChartSpec weeklyHours(String condition, long id, PageFilter filter, TenantSettings tenant) {
        ZoneId zone = ZoneId.of(tenant.timeZone());
        LocalDate thisMonday = filter.to().with(java.time.DayOfWeek.MONDAY);
        LocalDate first = filter.from().with(java.time.DayOfWeek.MONDAY);
        record Week(LocalDate monday, double billable, double other) {
        }
        List<Week> weeks = jdbc.sql("""
                WITH weeks AS (SELECT generate_series(CAST(:first AS date), CAST(:last AS date), interval '7 days')::date AS monday)
                SELECT w.monday,
                       coalesce(sum(e.actual_hours) FILTER (WHERE e.billable_option = 'Billable'), 0) AS billable,
                       coalesce(sum(e.actual_hours) FILTER (WHERE e.billable_option IS DISTINCT FROM 'Billable'), 0) AS other
                FROM weeks w
                LEFT JOIN cw_time_entries e ON %s AND e.deleted_at IS NULL
                     AND e.time_start >= (CAST(:from AS date)::timestamp AT TIME ZONE :zone)
                     AND e.time_start < ((CAST(:to AS date) + 1)::timestamp AT TIME ZONE :zone)
                     AND e.time_start >= (greatest(w.monday, CAST(:from AS date))::timestamp AT TIME ZONE :zone)
                     AND e.time_start < ((least(w.monday + 7, CAST(:to AS date) + 1))::timestamp AT TIME ZONE :zone)
                GROUP BY w.monday ORDER BY w.monday
                """.formatted(condition))
                .param("first", first).param("last", thisMonday).param("zone", zone.getId()).param("id", id)
                .param("from", filter.from()).param("to", filter.to())
                .query((rs, n) -> new Week(rs.getObject("monday", LocalDate.class), rs.getDouble("billable"),
                        rs.getDouble("other")))
                .list();
        return ChartSpec.stacked("Hours per week, " + filter.from() + " to " + filter.to(),
                weeks.stream().map(w -> w.monday().toString()).toList(), "h",
                new ChartSpec.Series("billable", weeks.stream().map(Week::billable).toList()),
                new ChartSpec.Series("not billable", weeks.stream().map(Week::other).toList()));
    }

    private static String hoursText(ChartSpec hours, PageFilter filter) {
        double total = hours.series().stream().flatMap(s -> s.data().stream()).mapToDouble(Double::doubleValue).sum();
        return Formats.decimal(BigDecimal.valueOf(total), 1) + " h from " + filter.from() + " to " + filter.to();
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
