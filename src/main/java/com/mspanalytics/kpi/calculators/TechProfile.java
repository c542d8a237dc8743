package com.mspanalytics.kpi.calculators;

import static com.mspanalytics.kpi.calculators.Statistics.round2;
import static com.mspanalytics.kpi.calculators.Statistics.round4;

import com.mspanalytics.kpi.Kpi;
import com.mspanalytics.kpi.KpiContext;
import com.mspanalytics.kpi.KpiOutput;
import com.mspanalytics.settings.TenantSettings;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * KPI 08: what each tech is specialised in (domains, clients).
 *
 * <p>A tech's work is the time they logged in the window (time entries by entry start, default 90 days) on
 * service or project tickets (docs/kpis.md, "Ticket time"); time not charged to a ticket has no domain and is
 * left out. Per tech: hours and tickets (distinct
 * tickets they logged time on) by domain and by client, each with its share of the tech's hours
 * ({@code hoursShare}) and tickets ({@code ticketShare}) as fractions 0..1; the top 3 domains and clients by
 * hours; {@code specialisation} = 1 − H / ln(D), where H is the entropy (natural log) of the tech's domain hour
 * shares and D the number of domains the whole team logged hours in during the window, so 1 = a single domain
 * and 0 = hours spread evenly over every team domain (1 when the team works in a single domain); and
 * {@code primaryDomain} = the domain with most hours when its share is at least {@code primaryShare} (0.5), else
 * null. Rows: most specialised first (the key-person risks), then by hours.
 */
@Component
class TechProfile implements Kpi<TechProfileResult> {

    @Override
    public String slug() {
        return "tech-profile";
    }

    @Override
    public int defaultLookbackDays() {
        return 90;
    }

    @Override
    public TenantSettings.KpiTarget defaultTarget() {
        return new TenantSettings.KpiTarget(new BigDecimal("2"), new BigDecimal("4"));
    }

    @Override
    public Map<String, Object> defaultParams(KpiContext.Settings settings) {
        return Map.of("primaryShare", 0.5, "top", 3);
    }

    private static final String WORK = """
            WITH work AS (
                SELECT x.member_id, t.id AS ticket_id, coalesce(%s, '(none)') AS domain, t.company_id, x.actual_hours
                FROM cw_time_entries x
                JOIN cw_charged_tickets t ON t.id = x.ticket_id
                WHERE x.deleted_at IS NULL AND x.member_id IS NOT NULL
                  AND x.time_start >= :start AND x.time_start < :end)
            """;

    @Override
    public Class<TechProfileResult> resultType() {
        return TechProfileResult.class;
    }

    @Override
    public KpiOutput<TechProfileResult> compute(KpiContext context) {
        String work = WORK.formatted(context.domainSql("t"));
        Map<Long, Work> techs = new LinkedHashMap<>();
        long[] teamDomains = {0};
        context.jdbc().sql(work + """
                , team AS (SELECT count(DISTINCT domain) AS domains FROM work WHERE actual_hours > 0),
                cells AS (
                    SELECT member_id, domain, sum(actual_hours) AS hours, count(DISTINCT ticket_id) AS tickets
                    FROM work GROUP BY member_id, domain),
                shares AS (
                    SELECT c.*, sum(c.hours) OVER (PARTITION BY c.member_id) AS tech_hours,
                           sum(c.tickets) OVER (PARTITION BY c.member_id) AS tech_tickets,
                           c.hours / nullif(sum(c.hours) OVER (PARTITION BY c.member_id), 0) AS hours_share
                    FROM cells c)
                SELECT s.member_id, coalesce(m.identifier, 'member ' || s.member_id) AS identifier,
                       nullif(concat_ws(' ', m.first_name, m.last_name), '') AS name,
                       s.domain, s.hours, s.tickets, s.tech_hours, s.tech_tickets, s.hours_share,
                       s.tickets::numeric / nullif(s.tech_tickets, 0) AS ticket_share,
                       team.domains AS team_domains,
                       CASE WHEN s.tech_hours = 0 THEN NULL
                            WHEN team.domains <= 1 THEN 1
                            ELSE 1 - sum(CASE WHEN s.hours_share > 0 THEN -s.hours_share * ln(s.hours_share) ELSE 0 END)
                                     OVER (PARTITION BY s.member_id) / ln(team.domains) END AS specialisation
                FROM shares s
                CROSS JOIN team
                LEFT JOIN cw_members m ON m.id = s.member_id
                ORDER BY identifier, s.hours DESC, s.domain
                """)
                .param("start", Timestamp.from(context.start()))
                .param("end", Timestamp.from(context.end()))
                .query(rs -> {
                    teamDomains[0] = rs.getLong("team_domains");
                    Work tech = techs.get(rs.getLong("member_id"));
                    if (tech == null) {
                        tech = new Work(rs.getString("identifier"), rs.getString("name"), rs.getLong("member_id"),
                                round2(rs.getDouble("tech_hours")), rs.getLong("tech_tickets"),
                                round4((Number) rs.getObject("specialisation")));
                        techs.put(tech.memberId, tech);
                    }
                    tech.domains.add(new TechProfileResult.DomainShare(rs.getString("domain"), round2(rs.getDouble("hours")),
                            round4((Number) rs.getObject("hours_share")), rs.getLong("tickets"),
                            round4((Number) rs.getObject("ticket_share"))));
                });
        context.jdbc().sql(work + """
                , cells AS (
                    SELECT member_id, company_id, sum(actual_hours) AS hours, count(DISTINCT ticket_id) AS tickets
                    FROM work GROUP BY member_id, company_id)
                SELECT c.member_id, coalesce(co.name, 'Company ' || c.company_id) AS client, co.identifier,
                       c.hours, c.tickets,
                       c.hours / nullif(sum(c.hours) OVER (PARTITION BY c.member_id), 0) AS hours_share,
                       c.tickets::numeric / nullif(sum(c.tickets) OVER (PARTITION BY c.member_id), 0) AS ticket_share
                FROM cells c
                LEFT JOIN cw_companies co ON co.id = c.company_id
                ORDER BY c.member_id, c.hours DESC, client
                """)
                .param("start", Timestamp.from(context.start()))
                .param("end", Timestamp.from(context.end()))
                .query(rs -> {
                    techs.get(rs.getLong("member_id")).clients.add(new TechProfileResult.ClientShare(
                            rs.getString("client"), round2(rs.getDouble("hours")),
                            round4((Number) rs.getObject("hours_share")), rs.getLong("tickets"),
                            round4((Number) rs.getObject("ticket_share")), rs.getString("identifier")));
                });

        double primaryShare = context.number("primaryShare");
        int top = context.integer("top");
        List<TechProfileResult.Tech> rows = techs.values().stream().map(w -> w.profile(top, primaryShare))
                .sorted(Comparator.comparing((TechProfileResult.Tech r) -> r.specialisation() == null ? -1.0
                                : -r.specialisation())
                        .thenComparing(r -> -r.hours())
                        .thenComparing(TechProfileResult.Tech::tech))
                .toList();
        var summary = new TechProfileResult.Summary(rows.size(), teamDomains[0],
                rows.stream().filter(r -> r.primaryDomain() != null).count(),
                "1 - entropy of domain hour shares / ln(domains the team logged hours in)");
        return KpiOutput.of(new TechProfileResult(summary, rows));
    }

    /** One tech's cells as the two queries find them: domains by hours, then clients by hours. */
    private static final class Work {
        final String tech;
        final String name;
        final long memberId;
        final double hours;
        final long tickets;
        final Double specialisation;
        final List<TechProfileResult.DomainShare> domains = new ArrayList<>();
        final List<TechProfileResult.ClientShare> clients = new ArrayList<>();

        Work(String tech, String name, long memberId, double hours, long tickets, Double specialisation) {
            this.tech = tech;
            this.name = name;
            this.memberId = memberId;
            this.hours = hours;
            this.tickets = tickets;
            this.specialisation = specialisation;
        }

        TechProfileResult.Tech profile(int top, double primaryShare) {
            Double share = domains.get(0).hoursShare();
            return new TechProfileResult.Tech(tech, name, memberId, hours, tickets, specialisation,
                    domains.stream().limit(top).map(TechProfileResult.DomainShare::domain).toList(),
                    clients.stream().limit(top).map(TechProfileResult.ClientShare::client).toList(),
                    share != null && share >= primaryShare ? domains.get(0).domain() : null, share, domains, clients);
        }
    }
}
