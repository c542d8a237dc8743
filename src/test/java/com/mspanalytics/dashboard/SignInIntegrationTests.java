package com.mspanalytics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.admin.TenantSeeder;
import com.mspanalytics.auth.users.Role;
import com.mspanalytics.auth.users.Users;
import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.KpiFixtures;
import com.mspanalytics.support.PageSession;
import com.mspanalytics.support.TestTenants;
import com.mspanalytics.tenant.TenantContext;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Signing in to the dashboard over real HTTP: the session, its cookie, CSRF, the same message for every failure. */
@IntegrationTest
class SignInIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private Users.NewUser user(TenantSeeder.SeededTenant tenant, Role role) {
        return TenantContext.callAs(tenant.tenant(), () -> context.getBean(Users.class)
                .createWithPassword("person-" + UUID.randomUUID() + "@example.com", "Pat Example", role));
    }

    @Test
    void aSignedOutBrowserGetsTheSignInFormAndASignedInOneTheOverview() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        Users.NewUser admin = user(tenant, Role.ADMIN);
        PageSession browser = new PageSession(port);

        HttpResponse<String> root = browser.get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(browser.get("/login").body()).contains("Sign in to MSP Analytics", "name=\"_csrf\"");

        HttpResponse<String> signIn = browser.signIn(admin.user().email(), admin.password());
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        String setCookie = signIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        // production mode (the integration tests' mode): Secure, besides HttpOnly and SameSite=Lax everywhere
        assertThat(setCookie).contains("HttpOnly", "SameSite=Lax", "Secure");

        HttpResponse<String> overview = browser.get("/");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains(tenant.name(), "Pat Example", "Sales Opportunities", "SOC Metrics");
        assertThat(overview.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'", "default-src 'none'").doesNotContain("unsafe");

        HttpResponse<String> signOut = browser.postForm("/logout", Map.of());
        assertThat(signOut.headers().firstValue("Location").orElseThrow()).endsWith("/login?signedOut");
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void aWrongPasswordAndAnUnknownAccountGetTheSameMessage() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        Users.NewUser viewer = user(tenant, Role.VIEWER);

        PageSession wrongPassword = new PageSession(port);
        HttpResponse<String> first = wrongPassword.signIn(viewer.user().email(), "not-the-password");
        PageSession unknown = new PageSession(port);
        HttpResponse<String> second = unknown.signIn("nobody-" + UUID.randomUUID() + "@example.com", "whatever-it-is");

        assertThat(first.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(second.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        String one = message(wrongPassword.get("/login?error").body());
        String other = message(unknown.get("/login?error").body());
        assertThat(one).isEqualTo(other).isEqualTo("The e-mail address or the password is wrong.");
    }

    @Test
    void afterFiveFailuresTheAccountMustWaitEvenWithTheRightPassword() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        Users.NewUser viewer = user(tenant, Role.VIEWER);
        PageSession browser = new PageSession(port);
        for (int i = 0; i < 5; i++) {
            browser.signIn(viewer.user().email(), "wrong-" + i);
        }

        HttpResponse<String> right = browser.signIn(viewer.user().email(), viewer.password());

        assertThat(right.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(message(browser.get("/login?error").body())).matches("Too many failed sign-ins\\. Try again in \\d+ seconds\\.");
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        Users.NewUser admin = user(tenant, Role.ADMIN);
        PageSession browser = new PageSession(port);
        browser.get("/login");

        HttpResponse<String> forged = browser.postForm("/login",
                Map.of("email", admin.user().email(), "password", admin.password()), null);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void aViewerIsRefusedTheAdminPagesWithAPageNotAStackTrace() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        Users.NewUser viewer = user(tenant, Role.VIEWER);
        PageSession browser = new PageSession(port);
        browser.signIn(viewer.user().email(), viewer.password());

        HttpResponse<String> settings = browser.get("/app/settings");

        assertThat(settings.statusCode()).isEqualTo(403);
        assertThat(settings.body()).contains("Not allowed", "Your role does not allow this").doesNotContain("Exception");
        assertThat(browser.get("/app/kpi/no-such-kpi").statusCode()).isEqualTo(404);
    }

    @Test
    void anotherTenantsClientAndTechAreNotFoundLikeOnesThatDoNotExist() {
        TenantSeeder.SeededTenant mine = TestTenants.create(context);
        TenantSeeder.SeededTenant theirs = TestTenants.create(context);
        KpiFixtures myData = new KpiFixtures(mine.tenant());
        KpiFixtures theirData = new KpiFixtures(theirs.tenant());
        long myClient = myData.company("MINE", "My Client <b>Ltd</b>");
        long myTech = myData.member("mytech");
        long theirClient = theirData.company("THEIRS", "Their Client");
        long theirTech = theirData.member("theirtech");
        Users.NewUser me = user(mine, Role.VIEWER);
        PageSession browser = new PageSession(port);
        browser.signIn(me.user().email(), me.password());

        HttpResponse<String> client = browser.get("/app/clients/" + myClient);
        assertThat(client.statusCode()).isEqualTo(200);
        assertThat(client.body()).contains("My Client &lt;b&gt;Ltd&lt;/b&gt;").doesNotContain("<b>Ltd</b>");
        assertThat(browser.get("/app/techs/" + myTech).statusCode()).isEqualTo(200);
        HttpResponse<String> foreign = browser.get("/app/clients/" + theirClient);
        HttpResponse<String> missing = browser.get("/app/clients/987654321");
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        // the same page but for the per-request CSRF token of the sign-out form
        assertThat(withoutToken(foreign.body())).doesNotContain("Their Client", "THEIRS")
                .isEqualTo(withoutToken(missing.body()));
        assertThat(browser.get("/app/techs/" + theirTech).statusCode()).isEqualTo(404);
    }

    private static String withoutToken(String page) {
        return page.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "");
    }

    private static String message(String page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-testid=\"signin-error\">\\s*([^<]+?)\\s*<")
                .matcher(page);
        return m.find() ? m.group(1) : "";
    }
}
