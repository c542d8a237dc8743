package com.mspanalytics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.auth.users.Role;
import com.mspanalytics.auth.users.Users;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.PageSession;
import com.mspanalytics.support.SimulatedTenantTest;
import com.mspanalytics.tenant.TenantContext;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's forms over real HTTP, on a tenant whose ConnectWise settings point at the simulator: a connector's
 * form (write-only secrets, "set on" dates, test connection against the simulator), the sync page's "sync now", and
 * changing one's password.
 */
class DashboardFormsIntegrationTests extends SimulatedTenantTest {

    DashboardFormsIntegrationTests() {
        super("connectwise");
    }

    private PageSession signedIn(Role role) {
        Users.NewUser user = TenantContext.callAs(tenant.tenant(), () -> context.getBean(Users.class)
                .createWithPassword(role.wireName() + "-" + UUID.randomUUID() + "@example.com", "Sam " + role, role));
        PageSession session = new PageSession(port);
        assertThat(session.signIn(user.user().email(), user.password()).headers().firstValue("Location").orElseThrow())
                .doesNotContain("error");
        return session;
    }

    @Test
    void theConnectorFormNeverShowsASecretKeepsABlankOneAndTestsTheConnection() {
        Map<String, String> stored = simulators.connectorSettings().get("connectwise");
        PageSession admin = signedIn(Role.ADMIN);

        String settings = admin.get("/app/settings").body();
        String form = connectorForm(settings, "connectwise");
        assertThat(form).contains("ConnectWise PSA", "set up", "set on " + LocalDate.now(ZoneOffset.UTC))
                .contains("value=\"" + stored.get("companyId") + "\"");
        assertThat(settings).doesNotContain(stored.get("privateKey")).doesNotContain(stored.get("publicKey"));

        // what the simulator holds, counted independently: sync the three entities and count the stored rows
        sync("companies");
        sync("members");
        sync("boards");
        long companies = countRows("SELECT count(*) FROM cw_companies WHERE tenant_id = ?");
        long members = countRows("SELECT count(*) FROM cw_members WHERE tenant_id = ?");
        long boards = countRows("SELECT count(*) FROM cw_boards WHERE tenant_id = ?");
        HttpResponse<String> tested = admin.postForm("/app/settings/connectors/connectwise",
                Map.of("action", "test", "companyId", stored.get("companyId"), "clientId", stored.get("clientId"),
                        "baseUrl", stored.get("baseUrl"), "publicKey", "", "privateKey", ""));
        assertThat(tested.statusCode()).isEqualTo(200);
        assertThat(result(connectorForm(tested.body(), "connectwise")))
                .isEqualTo("ConnectWise: " + companies + " companies, " + members + " members, " + boards + " service boards");

        HttpResponse<String> refused = admin.postForm("/app/settings/connectors/connectwise",
                Map.of("action", "test", "companyId", stored.get("companyId"), "clientId", stored.get("clientId"),
                        "baseUrl", stored.get("baseUrl"), "publicKey", "", "privateKey", "not-the-private-key"));
        assertThat(result(connectorForm(refused.body(), "connectwise")))
                .startsWith("Failed: ConnectWise /company/companies").contains("401", "refused these credentials");
        assertThat(refused.body()).doesNotContain("not-the-private-key");

        // a date in the past, to see that saving with blank secrets keeps them and their dates
        owner.sql("UPDATE connector_credentials SET secrets_set_at = '{\"publicKey\": \"2026-11-01T08:00:00Z\", "
                + "\"privateKey\": \"2026-11-01T08:00:00Z\"}' WHERE tenant_id = ? AND connector = 'connectwise'")
                .param(tenant.tenant().value()).update();
        HttpResponse<String> saved = admin.postForm("/app/settings/connectors/connectwise",
                Map.of("action", "save", "companyId", "renamed", "clientId", stored.get("clientId"),
                        "baseUrl", stored.get("baseUrl"), "publicKey", "", "privateKey", ""));
        assertThat(result(connectorForm(saved.body(), "connectwise"))).isEqualTo("ConnectWise PSA saved.");
        assertThat(connectorForm(saved.body(), "connectwise")).contains("value=\"renamed\"", "set on 2026-11-01");
        JsonNode masked = Json.parse(http.get("/settings/connectors/connectwise").body());
        assertThat(masked.path("companyId").asString()).isEqualTo("renamed");
        assertThat(masked.path("privateKey").asString()).endsWith(stored.get("privateKey")
                .substring(stored.get("privateKey").length() - 4));

        HttpResponse<String> changed = admin.postForm("/app/settings/connectors/connectwise",
                Map.of("action", "save", "companyId", "renamed", "clientId", stored.get("clientId"),
                        "baseUrl", stored.get("baseUrl"), "publicKey", "", "privateKey", "a-new-private-key-1234"));
        String changedForm = connectorForm(changed.body(), "connectwise");
        assertThat(changedForm).contains("set on 2026-11-01", "set on " + LocalDate.now(ZoneOffset.UTC));

        HttpResponse<String> invalid = admin.postForm("/app/settings/connectors/connectwise",
                Map.of("action", "save", "companyId", "", "clientId", stored.get("clientId"),
                        "baseUrl", "ftp://example.com/cw", "publicKey", "", "privateKey", ""));
        String invalidForm = connectorForm(invalid.body(), "connectwise");
        assertThat(invalidForm).contains("Nothing was saved", "Company ID: is required", "Base URL:");
        assertThat(Json.parse(http.get("/settings/connectors/connectwise").body()).path("companyId").asString())
                .isEqualTo("renamed");

        PageSession viewer = signedIn(Role.VIEWER);
        assertThat(viewer.postForm("/app/settings/connectors/connectwise", Map.of("action", "test")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void managersStartASyncFromTheSyncPageAndViewersOnlyReadIt() {
        PageSession viewer = signedIn(Role.VIEWER);
        String page = viewer.get("/app/sync").body();
        assertThat(page).contains("Nothing has been synced yet").doesNotContain("id=\"sync-now\"");
        assertThat(viewer.postForm("/app/sync", Map.of("entity", "all")).statusCode()).isEqualTo(403);

        PageSession manager = signedIn(Role.MANAGER);
        assertThat(manager.get("/app/sync").body()).contains("id=\"sync-now\"", "<option value=\"companies\"");
        HttpResponse<String> unknown = manager.postForm("/app/sync", Map.of("entity", "nothing-like-it"));
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("There is no entity named nothing-like-it to sync.");
        HttpResponse<String> started = manager.postForm("/app/sync", Map.of("entity", "boards"));
        assertThat(started.statusCode()).isEqualTo(302);
        assertThat(started.headers().firstValue("Location").orElseThrow()).contains("/app/sync?done=");

        JsonNode run = awaitLatestRun();
        assertThat(run.path("status").asString()).isEqualTo("SUCCEEDED");
        String after = viewer.get("/app/sync").body();
        long boards = countRows("SELECT count(*) FROM cw_boards WHERE tenant_id = ?");
        assertThat(after).contains("<td>boards</td>", "succeeded", "dashboard")
                .contains("<td class=\"num\">" + run.path("fetched").asLong() + "</td>");
        assertThat(run.path("fetched").asLong()).isEqualTo(boards);
    }

    @Test
    void aUserChangesTheirPasswordOnlyWithTheCurrentOne() {
        Users.NewUser user = TenantContext.callAs(tenant.tenant(), () -> context.getBean(Users.class)
                .createWithPassword("viewer-" + UUID.randomUUID() + "@example.com", "Val Viewer", Role.VIEWER));
        PageSession session = new PageSession(port);
        session.signIn(user.user().email(), user.password());
        assertThat(session.get("/app/account").body()).contains("Your account", user.user().email(), "viewer");

        assertThat(session.postForm("/app/account/password", Map.of("current", "wrong-password-here",
                "password", "a-brand-new-password", "confirm", "a-brand-new-password")).body())
                .contains("The current password is not right.");
        assertThat(session.postForm("/app/account/password", Map.of("current", user.password(),
                "password", "a-brand-new-password", "confirm", "a-different-password")).body())
                .contains("The new password and its confirmation differ.");
        assertThat(session.postForm("/app/account/password", Map.of("current", user.password(),
                "password", "short", "confirm", "short")).body())
                .contains("The new password must have 12 to 200 characters.");
        HttpResponse<String> changed = session.postForm("/app/account/password", Map.of("current", user.password(),
                "password", "a-brand-new-password", "confirm", "a-brand-new-password"));
        assertThat(changed.headers().firstValue("Location").orElseThrow()).endsWith("/app/account?done=Password%20changed");

        assertThat(new PageSession(port).signIn(user.user().email(), user.password())
                .headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(new PageSession(port).signIn(user.user().email(), "a-brand-new-password")
                .headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    }

    @Test
    void aManagerAsksForTheAiBriefOfAKpiAndReadsTheDigestAsMailed() {
        sync("all");
        assertThat(http.post("/compute/kpi/time-consumption", "").statusCode()).isEqualTo(200);
        String anthropic = Json.toJson(simulators.connectorSettings().get("anthropic"));
        assertThat(http.send(http.request("/settings/connectors/anthropic", "Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(anthropic)).build()).statusCode()).isEqualTo(200);
        PageSession viewer = signedIn(Role.VIEWER);
        PageSession manager = signedIn(Role.MANAGER);

        assertThat(viewer.get("/app/kpi/time-consumption").body()).doesNotContain("id=\"ai-brief\"");
        assertThat(viewer.postForm("/app/kpi/time-consumption/brief", Map.of()).statusCode()).isEqualTo(403);
        assertThat(manager.get("/app/kpi/time-consumption").body()).contains("id=\"ai-brief\"");
        HttpResponse<String> briefed = manager.postForm("/app/kpi/time-consumption/brief", Map.of());
        assertThat(briefed.statusCode()).isEqualTo(200);
        String text = between(briefed.body(), "data-testid=\"brief-text\">", "<");
        String cost = between(briefed.body(), "data-testid=\"brief-cost\">", "<");
        JsonNode usage = Json.parse(owner.sql("SELECT json_build_object('input', input_tokens, 'output', output_tokens)::text "
                + "FROM llm_usage WHERE tenant_id = ? ORDER BY created_at DESC LIMIT 1")
                .param(tenant.tenant().value()).query(String.class).single());
        assertThat(text).isNotBlank().doesNotContain("Summarise").doesNotContain("Key figures");
        java.text.NumberFormat grouped = java.text.NumberFormat.getIntegerInstance(java.util.Locale.ENGLISH);
        assertThat(cost).contains(grouped.format(usage.path("input").asLong()) + " input + "
                + grouped.format(usage.path("output").asLong()) + " output tokens, about US$");

        assertThat(viewer.get("/app/digest").statusCode()).isEqualTo(403);
        HttpResponse<String> digest = manager.get("/app/digest");
        assertThat(digest.statusCode()).isEqualTo(200);
        assertThat(digest.body()).contains("Weekly digest for " + tenant.name(), "nobody yet", "Figures from the ");
        HttpResponse<String> mail = manager.get("/app/digest/mail");
        assertThat(mail.headers().firstValue("Content-Security-Policy").orElseThrow())
                .isEqualTo(DigestPageController.MAIL_POLICY);
        assertThat(mail.headers().firstValue("X-Frame-Options").orElseThrow()).isEqualTo("SAMEORIGIN");
        assertThat(mail.body()).contains("Weekly digest for " + tenant.name());
        HttpResponse<String> send = manager.postForm("/app/digest/send", Map.of());
        assertThat(java.net.URLDecoder.decode(send.headers().firstValue("Location").orElseThrow(),
                java.nio.charset.StandardCharsets.UTF_8)).contains("No e-mail (SMTP) server is set up");
    }

    @Test
    void anAdminChangesTheGeneralSettingsAndManagesApiKeys() {
        PageSession admin = signedIn(Role.ADMIN);
        HttpResponse<String> refused = admin.postForm("/app/settings/general", Map.of("hourlyRate", "165", "hourlyCost",
                "70", "currency", "CAD", "timeZone", "Mars/Olympus", "digestDay", "FRIDAY", "digestHour", "8"));
        assertThat(refused.body()).contains("Nothing was saved", "Time zone: must be an IANA time zone");
        HttpResponse<String> saved = admin.postForm("/app/settings/general", Map.of("hourlyRate", "165", "hourlyCost",
                "70", "currency", "CAD", "timeZone", "America/Toronto", "digestDay", "FRIDAY", "digestHour", "8",
                "digestEnabled", "true"));
        assertThat(saved.headers().firstValue("Location").orElseThrow()).contains("General%20settings%20saved");
        JsonNode settings = Json.parse(http.get("/settings").body());
        assertThat(settings.path("hourlyRate").decimalValue()).isEqualByComparingTo("165");
        assertThat(settings.path("timeZone").asString()).isEqualTo("America/Toronto");
        assertThat(settings.path("digest").path("dayOfWeek").asString()).isEqualTo("FRIDAY");
        assertThat(settings.path("digest").path("hour").asInt()).isEqualTo(8);

        HttpResponse<String> created = admin.postForm("/app/settings/api-keys",
                Map.of("name", "Power BI <script>", "permission", "read"));
        String secret = between(created.body(), "data-testid=\"key-secret\" value=\"", "\"");
        assertThat(created.body()).contains("Power BI &lt;script&gt;").doesNotContain("Power BI <script>");
        var bi = new com.mspanalytics.support.Http(port, secret);
        assertThat(bi.get("/kpi/agreement-mismatch/results").statusCode()).isIn(200, 404);
        assertThat(bi.post("/sync/all", "").statusCode()).isEqualTo(403);
        String listed = admin.get("/app/settings/api-keys").body();
        assertThat(listed).contains(secret.substring(0, 12)).doesNotContain(secret);
        String id = between(listed, "/app/settings/api-keys/", "/revoke");
        assertThat(admin.postForm("/app/settings/api-keys/" + id + "/revoke", Map.of()).statusCode()).isEqualTo(302);
        assertThat(bi.get("/settings").statusCode()).isEqualTo(401);
        assertThat(signedIn(Role.MANAGER).get("/app/settings/api-keys").statusCode()).isEqualTo(403);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("%s in %s", start, text).isNotNegative();
        int to = text.indexOf(end, from + start.length());
        return org.springframework.web.util.HtmlUtils.htmlUnescape(text.substring(from + start.length(), to));
    }

    private JsonNode awaitLatestRun() {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            JsonNode runs = Json.parse(http.get("/sync/runs").body());
            JsonNode latest = runs.isArray() ? runs.path(0) : runs.path("runs").path(0);
            String status = latest.path("status").asString();
            if (status.equals("SUCCEEDED") || status.equals("FAILED") || System.nanoTime() > deadline) {
                return latest;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return latest;
            }
        }
    }

    /** The HTML of one connector's form on the settings page. */
    private static String connectorForm(String page, String connector) {
        Matcher form = Pattern.compile("<form[^>]*id=\"connector-" + connector + "\".*?</form>", Pattern.DOTALL)
                .matcher(page);
        assertThat(form.find()).as("the %s form on %s", connector, page).isTrue();
        return form.group();
    }

    private static String result(String form) {
        Matcher result = Pattern.compile("data-testid=\"connector-result\"[^>]*>([^<]*)<").matcher(form);
        assertThat(result.find()).as("a result in %s", form).isTrue();
        return org.springframework.web.util.HtmlUtils.htmlUnescape(result.group(1));
    }
}
