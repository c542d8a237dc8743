package com.mspanalytics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.admin.TenantSeeder;
import com.mspanalytics.auth.users.Role;
import com.mspanalytics.auth.users.Users;
import com.mspanalytics.support.Http;
import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.KpiFixtures;
import com.mspanalytics.support.PageSession;
import com.mspanalytics.support.TestDatabase;
import com.mspanalytics.support.TestTenants;
import com.mspanalytics.tenant.TenantContext;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * TV links over real HTTP on real PostgreSQL: an admin creates one on settings, and the screen behind it shows the
 * tenant's stored figures, read-only, with no session; nothing else opens with it; dead links get one readable page;
 * other tenants, viewers and managers cannot touch a link; planted script shows as text.
 */
@IntegrationTest
class TvLinkIntegrationTests {

    private static final String UNUSABLE = "This screen link has expired or was revoked. Ask an admin for a new one.";
    private static final String PLANTED = "<script>alert('tv')</script>";
    private static final String PLANTED_AS_TEXT = "&lt;script&gt;alert(&#39;tv&#39;)&lt;/script&gt;";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private final JdbcClient owner = JdbcClient.create(TestDatabase.ownerDataSource());

    @Test
    void theScreenShowsTheOverviewsFiguresAndRotatesToTheChosenKpi() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        plantTimeOf(tenant);
        PageSession admin = signedIn(user(tenant, Role.ADMIN));

        HttpResponse<String> created = create(admin, "Service desk screen", "30", "15", "overview", "time-consumption");

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("TV link created for", "data-testid=\"tv-links\"", "Service desk screen",
                "Overview, 04 Time Consumption");
        String link = link(created.body());
        String token = link.substring(link.lastIndexOf('/') + 1);
        assertThat(link).isEqualTo("http://localhost:" + port + "/tv/" + token);
        assertThat(owner.sql("SELECT token_hash = sha256(convert_to(:token, 'UTF8')) FROM tv_links WHERE tenant_id = :tenant")
                .param("token", token).param("tenant", tenant.tenant().value()).query(Boolean.class).single())
                .as("only the token's SHA-256 is stored").isTrue();
        assertThat(admin.get("/app/settings").body()).as("the link is shown once").doesNotContain(token);

        Http screen = new Http(port);
        HttpResponse<String> overview = screen.get("/tv/" + token);
        assertThat(overview.statusCode()).isEqualTo(200);
        assertTvHeaders(overview);
        assertThat(overview.body()).contains(tenant.name(), "Service desk screen", "1 of 2", "data-next=\"?page=1\"",
                "data-interval=\"15\"", "open anomalies", "data-testid=\"freshness\"").doesNotContain(token);
        Map<String, String> signedInFigures = headlines(admin.get("/").body());
        assertThat(headlines(overview.body())).hasSize(12).isEqualTo(signedInFigures);
        String latestId = Json.parse(new Http(port, tenant.apiKey()).get("/kpi/time-consumption/latest").body())
                .path("id").asString();
        assertThat(overview.body()).contains("data-kpi=\"time-consumption\" data-result-id=\"" + latestId + "\"");

        HttpResponse<String> kpi = screen.get("/tv/" + token + "?page=1");
        assertThat(kpi.statusCode()).isEqualTo(200);
        assertTvHeaders(kpi);
        assertThat(kpi.body()).contains("Time Consumption", "2 of 2", "data-next=\"?page=0\"", "data-chart=",
                "data-result-id=\"" + latestId + "\"", "/js/charts.js", "/js/tv.js")
                .contains("data-testid=\"headline\">" + signedInFigures.get("time-consumption") + "<");
        assertThat(screen.get("/tv/" + token + "?page=7").body()).as("out of range: the first page")
                .contains("data-next=\"?page=1\"");
        HttpResponse<String> head = screen.send(screen.request("/tv/" + token).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).as("what tv.js asks before moving on").isEqualTo(200);
        assertTvHeaders(head);

        assertThat(owner.sql("SELECT last_used_at IS NOT NULL FROM tv_links WHERE tenant_id = :tenant")
                .param("tenant", tenant.tenant().value()).query(Boolean.class).single()).isTrue();
        assertThat(admin.get("/app/settings").body()).doesNotContain(">never<");
    }

    @Test
    void theTokenOpensNoOtherPageNoApiAndNoPost() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        String token = token(create(signedIn(user(tenant, Role.ADMIN)), "Lobby", "7", "30", "overview").body());
        Http screen = new Http(port);
        assertThat(screen.get("/tv/" + token).statusCode()).isEqualTo(200);

        for (String page : List.of("/", "/app/settings", "/app/kpi/time-consumption", "/app/anomalies")) {
            HttpResponse<String> refused = screen.get(page);
            assertThat(refused.statusCode()).as(page).isEqualTo(302);
            assertThat(refused.headers().firstValue("Location").orElseThrow()).as(page).endsWith("/login");
        }
        for (String header : List.of("Authorization", "X-API-Key")) {
            String value = header.equals("Authorization") ? "Bearer " + token : token;
            assertThat(screen.get("/kpi/time-consumption/latest", header, value).statusCode()).as(header).isEqualTo(401);
            assertThat(screen.get("/settings", header, value).statusCode()).as(header).isEqualTo(401);
        }
        assertThat(screen.get("/tv/" + token + "/anything").statusCode()).isEqualTo(403);
        for (String method : List.of("POST", "PUT", "DELETE")) {
            HttpResponse<String> refused = screen.send(method, "/tv/" + token, HttpRequest.BodyPublishers.ofString("x=1"),
                    "Content-Type", "application/x-www-form-urlencoded");
            assertThat(refused.statusCode()).as(method).isEqualTo(403);
            assertThat(refused.headers().allValues("Set-Cookie")).as(method).isEmpty();
        }
    }

    @Test
    void anExpiredARevokedAndAnUnknownLinkShowTheSameReadablePage() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        PageSession admin = signedIn(user(tenant, Role.ADMIN));
        String expired = token(create(admin, "Expired screen", "7", "30", "overview").body());
        String revoked = token(create(admin, "Revoked screen", "90", "60", "overview").body());
        owner.sql("UPDATE tv_links SET created_at = now() - interval '8 days', expires_at = now() - interval '1 second' "
                + "WHERE tenant_id = :tenant AND name = 'Expired screen'").param("tenant", tenant.tenant().value()).update();
        assertThat(admin.get("/app/settings").body()).doesNotContain("Expired screen").contains("Revoked screen");

        HttpResponse<String> revoke = admin.postForm("/app/settings/tv/" + linkId(tenant, "Revoked screen") + "/revoke",
                Map.of());
        assertThat(revoke.statusCode()).isEqualTo(302);
        assertThat(revoke.headers().firstValue("Location").orElseThrow()).endsWith("/app/settings?done=TV%20link%20revoked");
        assertThat(admin.get("/app/settings").body()).doesNotContain("Revoked screen").contains("No TV link works now.");

        Http screen = new Http(port);
        List<HttpResponse<String>> pages = List.of(screen.get("/tv/" + expired), screen.get("/tv/" + revoked),
                screen.get("/tv/" + "A".repeat(43)), screen.get("/tv/not-a-token"), screen.get("/tv/" + revoked + "?page=x"));
        for (HttpResponse<String> page : pages) {
            assertThat(page.statusCode()).isEqualTo(410);
            assertTvHeaders(page);
            assertThat(page.body()).contains(UNUSABLE).doesNotContain("Exception", "data-next", "Revoked screen")
                    .isEqualTo(pages.get(0).body());
        }
    }

    @Test
    void anotherTenantsAdminCannotSeeOrRevokeTheLink() {
        TenantSeeder.SeededTenant mine = TestTenants.create(context);
        TenantSeeder.SeededTenant theirs = TestTenants.create(context);
        String token = token(create(signedIn(user(mine, Role.ADMIN)), "Only mine", "30", "30", "overview").body());
        PageSession theirAdmin = signedIn(user(theirs, Role.ADMIN));

        assertThat(theirAdmin.get("/app/settings").body()).doesNotContain("Only mine");
        assertThat(theirAdmin.postForm("/app/settings/tv/" + linkId(mine, "Only mine") + "/revoke", Map.of())
                .statusCode()).isEqualTo(404);
        assertThat(theirAdmin.postForm("/app/settings/tv/" + UUID.randomUUID() + "/revoke", Map.of()).statusCode())
                .isEqualTo(404);
        HttpResponse<String> stillWorks = new Http(port).get("/tv/" + token);
        assertThat(stillWorks.statusCode()).isEqualTo(200);
        assertThat(stillWorks.body()).contains(mine.name()).doesNotContain(theirs.name());
    }

    @Test
    void viewersAndManagersCannotCreateOrRevokeAndEveryPostNeedsTheCsrfToken() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        PageSession admin = signedIn(user(tenant, Role.ADMIN));
        create(admin, "Kept", "30", "30", "overview");
        for (Role role : List.of(Role.VIEWER, Role.MANAGER)) {
            PageSession browser = signedIn(user(tenant, role));
            HttpResponse<String> refused = create(browser, "Not allowed", "30", "30", "overview");
            assertThat(refused.statusCode()).as(role.wireName()).isEqualTo(403);
            assertThat(refused.body()).contains("Your role does not allow this");
            assertThat(browser.postForm("/app/settings/tv/" + linkId(tenant, "Kept") + "/revoke", Map.of())
                    .statusCode()).as(role.wireName()).isEqualTo(403);
        }
        assertThat(admin.postForm("/app/settings/tv", Map.of("name", "Forged", "lifetimeDays", "30",
                "rotateSeconds", "30", "pages", "overview"), null).statusCode()).isEqualTo(403);
        assertThat(admin.postForm("/app/settings/tv/" + linkId(tenant, "Kept") + "/revoke", Map.of(), null)
                .statusCode()).isEqualTo(403);
        assertThat(owner.sql("SELECT name FROM tv_links WHERE tenant_id = :tenant").param("tenant", tenant.tenant().value())
                .query(String.class).list()).containsExactly("Kept");
    }

    @Test
    void aFormOutsideTheChoicesIsRefusedWithAMessage() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        PageSession admin = signedIn(user(tenant, Role.ADMIN));

        assertThat(create(admin, "No pages", "30", "30").body()).contains("Choose at least one page for the screen to show.");
        assertThat(create(admin, "Forever", "3650", "30", "overview").body()).contains("A screen link works for 7, 30 or 90 days.");
        assertThat(create(admin, "Fast", "30", "1", "overview").body())
                .contains("A screen shows each page for 15, 30, 60 or 120 seconds.");
        assertThat(create(admin, "Odd", "30", "30", "overview", "/app/settings").body())
                .contains("There is no page &#39;/app/settings&#39; to show on a screen.");
        assertThat(create(admin, " ", "30", "30", "overview").body()).contains("Give the screen a name, 1 to 100 characters.");
        assertThat(owner.sql("SELECT count(*) FROM tv_links WHERE tenant_id = :tenant").param("tenant", tenant.tenant().value())
                .query(Long.class).single()).isZero();
    }

    @Test
    void scriptPlantedInAClientAndTheScreenNameIsShownAsText() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        plantTimeOf(tenant);
        PageSession admin = signedIn(user(tenant, Role.ADMIN));
        HttpResponse<String> created = create(admin, PLANTED, "30", "30", "time-consumption");
        String kpi = new Http(port).get("/tv/" + token(created.body())).body();

        assertThat(kpi).contains("data-chart=", "&lt;script&gt;alert(&#39;client&#39;)&lt;/script&gt;")
                .doesNotContain("<script>alert('client')</script>");
        for (String page : List.of(created.body(), admin.get("/app/settings").body(), kpi)) {
            assertThat(page).contains(PLANTED_AS_TEXT).doesNotContain(PLANTED);
        }
    }

    /** Billable and unbilled hours of the last days, for a client whose name is planted script; then KPI 04. */
    private void plantTimeOf(TenantSeeder.SeededTenant tenant) {
        KpiFixtures data = new KpiFixtures(tenant.tenant());
        long client = data.company("PLANTED", "<script>alert('client')</script>");
        Instant recently = Instant.now().minus(Duration.ofDays(3));
        long ticket = data.ticket(client, recently).category("Network", null, null).create();
        data.timeEntry(ticket, client, null, recently, "3.00", "Remote", "Billable");
        data.timeEntry(ticket, client, null, recently.plusSeconds(7200), "1.00", "Remote", "NoCharge");
        HttpResponse<String> computed = new Http(port, tenant.apiKey()).post("/compute/kpi/time-consumption", "");
        assertThat(computed.statusCode()).as(computed.body()).isEqualTo(200);
    }

    /** Posts the TV form; {@code pages} repeat one parameter, which a map cannot hold. */
    private HttpResponse<String> create(PageSession browser, String name, String lifetimeDays, String rotateSeconds,
            String... pages) {
        Map<String, String> single = new LinkedHashMap<>();
        single.put("name", name);
        single.put("lifetimeDays", lifetimeDays);
        single.put("rotateSeconds", rotateSeconds);
        single.put("_csrf", browser.csrfToken("/"));
        String body = single.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"))
                + java.util.Arrays.stream(pages).map(p -> "&pages=" + encode(p)).collect(Collectors.joining());
        Http http = new Http(port);
        return http.send(http.request("/app/settings/tv", "Cookie", browser.cookie(),
                "Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static void assertTvHeaders(HttpResponse<String> response) {
        assertThat(response.headers().allValues("Set-Cookie")).as("no session").isEmpty();
        assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(response.headers().firstValue("Referrer-Policy").orElseThrow()).isEqualTo("no-referrer");
        assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "script-src 'self'", "style-src 'self'").doesNotContain("unsafe");
    }

    /** KPI slug → the headline figure of its tile. */
    private static Map<String, String> headlines(String page) {
        Matcher m = Pattern.compile("data-kpi=\"([a-z-]+)\".*?data-testid=\"headline\">([^<]*)<", Pattern.DOTALL)
                .matcher(page);
        Map<String, String> figures = new LinkedHashMap<>();
        while (m.find()) {
            figures.put(m.group(1), m.group(2));
        }
        return figures;
    }

    private UUID linkId(TenantSeeder.SeededTenant tenant, String name) {
        return owner.sql("SELECT id FROM tv_links WHERE tenant_id = :tenant AND name = :name")
                .param("tenant", tenant.tenant().value()).param("name", name).query(UUID.class).single();
    }

    private Users.NewUser user(TenantSeeder.SeededTenant tenant, Role role) {
        return TenantContext.callAs(tenant.tenant(), () -> context.getBean(Users.class)
                .createWithPassword("tv-" + UUID.randomUUID() + "@example.com", "Pat Example", role));
    }

    private PageSession signedIn(Users.NewUser user) {
        PageSession browser = new PageSession(port);
        assertThat(browser.signIn(user.user().email(), user.password()).headers().firstValue("Location").orElseThrow())
                .doesNotContain("error");
        return browser;
    }

    private static String link(String page) {
        Matcher m = Pattern.compile("value=\"(http[^\"]+)\" data-testid=\"tv-link\"").matcher(page);
        if (!m.find()) {
            throw new AssertionError("No TV link in the page");
        }
        return m.group(1);
    }

    private static String token(String page) {
        String link = link(page);
        return link.substring(link.lastIndexOf('/') + 1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
