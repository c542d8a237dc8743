package com.mspanalytics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.auth.users.Role;
import com.mspanalytics.auth.users.Users;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.PageSession;
import com.mspanalytics.support.SimulatedTenantTest;
import com.mspanalytics.tenant.TenantContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The global filter over real HTTP on a synced tiny world: the range picks the stored result a KPI page shows and
 * bounds a client's hours, the client narrows a KPI's rows, and a bad custom range says so and falls back.
 */
class PageFiltersIntegrationTests extends SimulatedTenantTest {

    static final LocalDate END = LocalDate.of(2026, 11, 23); // the simulated world's last day

    PageFiltersIntegrationTests() {
        super("connectwise");
    }

    @Test
    void theRangeAndTheClientChooseWhatEveryPageShows() {
        sync("all");
        String older = compute("agreement-mismatch", END.minusDays(21));
        String newer = compute("agreement-mismatch", END);
        compute("tech-efficiency", END);
        compute("tech-profile", END);
        Users.NewUser user = TenantContext.callAs(tenant.tenant(), () -> context.getBean(Users.class)
                .createWithPassword("viewer-" + UUID.randomUUID() + "@example.com", "Vic Viewer", Role.VIEWER));
        PageSession viewer = new PageSession(port);
        viewer.signIn(user.user().email(), user.password());

        assertThat(resultId(viewer.get("/app/kpi/agreement-mismatch").body())).isEqualTo(newer);
        String back = "/app/kpi/agreement-mismatch?range=custom&from=" + END.minusDays(60) + "&to=" + END.minusDays(10);
        String backPage = viewer.get(back).body();
        assertThat(resultId(backPage)).isEqualTo(older);
        // links keep the range, so the view can be shared and drilled into
        assertThat(backPage).contains("to=" + END.minusDays(10));

        // the client narrows the rows to the ones that name it
        JsonNode rows = Json.parse(http.get("/kpi/agreement-mismatch/latest").body()).path("rows");
        long companyId = rows.path(0).path("companyId").asLong();
        String narrowed = viewer.get("/app/kpi/agreement-mismatch?client=" + companyId).body();
        long ofThatClient = rows.valueStream().filter(r -> r.path("companyId").asLong() == companyId).count();
        assertThat(ofThatClient).isPositive().isLessThan(rows.size());
        assertThat(rowCount(narrowed)).isEqualTo(ofThatClient);
        assertThat(narrowed).contains("/app/clients/" + companyId);
        assertThat(rowCount(viewer.get("/app/kpi/agreement-mismatch").body())).isEqualTo(Math.min(rows.size(), 200));
        assertThat(viewer.get("/app/kpi/tech-efficiency?client=" + companyId).body()).contains("client-filter-note");

        // a client's hours over the range, against a sum of its time entries computed here
        LocalDate from = END.minusDays(27);
        String clientPage = viewer.get("/app/clients/" + companyId + "?range=custom&from=" + from + "&to=" + END).body();
        BigDecimal hours = owner.sql("""
                SELECT coalesce(sum(actual_hours), 0) FROM cw_time_entries WHERE tenant_id = ? AND company_id = ?
                AND deleted_at IS NULL AND time_start >= ? AND time_start < ?""")
                .params(tenant.tenant().value(), companyId,
                        Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()),
                        Timestamp.from(END.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .query(BigDecimal.class).single();
        assertThat(hours).isPositive();
        assertThat(clientPage).contains(Formats.decimal(hours.setScale(1, RoundingMode.HALF_UP), 1) + " h from " + from
                + " to " + END);

        // the tech × domain heatmap: a row per tech, the share of its hours in its busiest domain as the API has it
        String profile = viewer.get("/app/kpi/tech-profile").body();
        assertThat(profile).contains("data-testid=\"heatmap\"");
        JsonNode tech = Json.parse(http.get("/kpi/tech-profile/latest").body()).path("rows").path(0);
        assertThat(profile).contains(">" + tech.path("name").asString() + "</th>");
        double share = tech.path("domains").path(0).path("hoursShare").asDouble();
        assertThat(profile).contains(">" + new java.text.DecimalFormat("0.##").format(Math.round(share * 1000) / 10.0) + " %</td>");

        // hand-edited addresses get the pages' own answers, never the API's problem JSON or a 400
        assertThat(rowCount(viewer.get("/app/kpi/agreement-mismatch?sort=abc").body())).isEqualTo(Math.min(rows.size(), 200));
        var mistyped = viewer.get("/app/clients/abc");
        assertThat(mistyped.statusCode()).isEqualTo(404);
        assertThat(mistyped.body()).contains("There is no such page.").doesNotContain("\"status\"");

        String bad = viewer.get("/app/kpi/agreement-mismatch?range=custom&from=" + END + "&to=" + END.minusDays(3)).body();
        assertThat(bad).contains("The custom range starts after it ends. Showing the default range.");
        assertThat(viewer.get("/?range=ytd").body()).contains("Year to date: " + LocalDate.now(ZoneOffset.UTC).withDayOfYear(1));
    }

    @Test
    void aClientsPageShowsItsRatingsAndSecurityEventsOfTheRange() {
        for (String connector : java.util.List.of("smileback", "sentinelone")) {
            assertThat(http.send(http.request("/settings/connectors/" + connector, "Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                            Json.toJson(simulators.connectorSettings().get(connector)))).build()).statusCode()).isEqualTo(200);
        }
        sync("all");
        Users.NewUser user = TenantContext.callAs(tenant.tenant(), () -> context.getBean(Users.class)
                .createWithPassword("viewer-" + UUID.randomUUID() + "@example.com", "Vic Viewer", Role.VIEWER));
        PageSession viewer = new PageSession(port);
        viewer.signIn(user.user().email(), user.password());
        LocalDate from = END.minusDays(90);
        // the client with most rated tickets in the range, and its ratings, counted here from the synced rows
        var rated = owner.sql("""
                SELECT t.company_id, c.name, c.identifier,
                       count(*) FILTER (WHERE s.rating = 'positive') AS positive, count(*) AS ratings
                FROM smileback_reviews s JOIN cw_tickets t ON t.tenant_id = s.tenant_id AND t.id = s.ticket_id
                JOIN cw_companies c ON c.tenant_id = t.tenant_id AND c.id = t.company_id
                WHERE s.tenant_id = ? AND s.rating IS NOT NULL AND s.deleted_at IS NULL AND t.deleted_at IS NULL
                  AND s.rated_at >= ? AND s.rated_at < ?
                GROUP BY t.company_id, c.name, c.identifier ORDER BY count(*) DESC, t.company_id LIMIT 1""")
                .params(tenant.tenant().value(), Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()),
                        Timestamp.from(END.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)})
                .single();
        long companyId = (long) rated[0];
        String page = viewer.get("/app/clients/" + companyId + "?range=custom&from=" + from + "&to=" + END).body();
        assertThat(page).contains(rated[4] + " ratings: " + rated[3] + " positive");

        long events = owner.sql("""
                SELECT count(*) FROM security_events WHERE tenant_id = ? AND created_at >= ? AND created_at < ?
                AND (lower(client_name) IN (lower(?), lower(?)) OR lower(client_key) IN (lower(?), lower(?)))""")
                .params(tenant.tenant().value(), Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()),
                        Timestamp.from(END.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()),
                        rated[1], rated[2], rated[1], rated[2])
                .query(Long.class).single();
        assertThat(page).contains(events == 0 ? "No security events in this range" : events + " security events, ");
    }

    private String compute(String slug, LocalDate asOf) {
        var response = http.post("/compute/kpi/" + slug, "{\"asOf\":\"" + asOf + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body()).path("id").asString();
    }

    private static String resultId(String page) {
        Matcher id = Pattern.compile("data-testid=\"headline-box\"[^>]*data-result-id=\"([^\"]+)\"").matcher(page);
        assertThat(id.find()).as(page).isTrue();
        return id.group(1);
    }

    private static long rowCount(String page) {
        Matcher table = Pattern.compile("data-testid=\"rows\".*?<tbody>(.*?)</tbody>", Pattern.DOTALL).matcher(page);
        return table.find() ? Pattern.compile("<tr>").matcher(table.group(1)).results().count() : 0;
    }
}
