package com.mspanalytics.kpi.calculators;

import static com.mspanalytics.kpi.calculators.TechTickets.round2;
import static com.mspanalytics.kpi.calculators.TechTickets.round4;

import com.mspanalytics.kpi.Kpi;
import com.mspanalytics.kpi.KpiContext;
import com.mspanalytics.kpi.KpiOutput;
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
class TechProfile implements Kpi<UntypedResult> {

    @Override
    public String slug() {
        return "tech-profile";
    }

    @Override
    public int defaultLookbackDays() {
        return 90;
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
    public Class<UntypedResult> resultType() {
        return UntypedResult.class;
    }

    @Override
    public KpiOutput<UntypedResult> compute(KpiContext context) {
        String work = WORK.formatted(context.domainSql("t"));
        Map<Long, Map<String, Object>> techs = new LinkedHashMap<>();
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
                    Map<String, Object> tech = techs.computeIfAbsent(rs.getLong("member_id"), id -> {
                        try {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("tech", rs.getString("identifier"));
                            row.put("name", rs.getString("name"));
                            row.put("memberId", id);
                            row.put("hours", round2(rs.getDouble("tech_hours")));
                            row.put("tickets", rs.getLong("tech_tickets"));
                            row.put("specialisation", round4((Number) rs.getObject("specialisation")));
                            row.put("domains", new ArrayList<Map<String, Object>>());
                            return row;
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    domainsOf(tech, "domains").add(share("domain", rs.getString("domain"), rs));
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
                    Map<String, Object> client = share("client", rs.getString("client"), rs);
                    client.put("clientIdentifier", rs.getString("identifier"));
                    domainsOf(techs.get(rs.getLong("member_id")), "clients").add(client);
                });

        double primaryShare = context.number("primaryShare");
        int top = context.integer("top");
        List<Map<String, Object>> rows = new ArrayList<>(techs.values());
        for (Map<String, Object> row : rows) {
            List<Map<String, Object>> domains = domainsOf(row, "domains");
            List<Map<String, Object>> clients = domainsOf(row, "clients");
            row.put("topDomains", domains.stream().limit(top).map(d -> d.get("domain")).toList());
            row.put("topClients", clients.stream().limit(top).map(c -> c.get("client")).toList());
            Map<String, Object> first = domains.get(0);
            Double share = (Double) first.get("hoursShare");
            row.put("primaryDomain", share != null && share >= primaryShare ? first.get("domain") : null);
            row.put("primaryShare", share);
            // keep the breakdowns last in the row
            row.remove("domains");
            row.remove("clients");
            row.put("domains", domains);
            row.put("clients", clients);
        }
        rows.sort(Comparator.comparing((Map<String, Object> r) -> r.get("specialisation") == null ? -1.0
                        : -(Double) r.get("specialisation"))
                .thenComparing(r -> -(Double) r.get("hours"))
                .thenComparing(r -> (String) r.get("tech")));

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("techs", rows.size());
        summary.put("teamDomains", teamDomains[0]);
        summary.put("specialists", rows.stream().filter(r -> r.get("primaryDomain") != null).count());
        summary.put("specialisation", "1 - entropy of domain hour shares / ln(domains the team logged hours in)");
        return KpiOutput.of(new UntypedResult(summary, rows));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> domainsOf(Map<String, Object> tech, String key) {
        return (List<Map<String, Object>>) tech.computeIfAbsent(key, k -> new ArrayList<Map<String, Object>>());
    }

    private static Map<String, Object> share(String name, String value, java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put(name, value);
        cell.put("hours", round2(rs.getDouble("hours")));
        cell.put("hoursShare", round4((Number) rs.getObject("hours_share")));
        cell.put("tickets", rs.getLong("tickets"));
        cell.put("ticketShare", round4((Number) rs.getObject("ticket_share")));
        return cell;
    }
}
