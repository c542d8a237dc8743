package com.mspanalytics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.admin.TenantSeeder;
import com.mspanalytics.auth.users.Invitations;
import com.mspanalytics.auth.users.Role;
import com.mspanalytics.auth.users.Users;
import com.mspanalytics.ratelimit.RateLimiter;
import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.PageSession;
import com.mspanalytics.support.TestDatabase;
import com.mspanalytics.support.TestTenants;
import com.mspanalytics.tenant.TenantContext;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Inviting a user over real HTTP on real PostgreSQL: the admin's form and its one-time link, the invitee's sign-up
 * form, one page for every link that no longer works, the roles and tenants that may not touch an invitation, CSRF.
 */
@IntegrationTest
class InvitationIntegrationTests {

    private static final String UNUSABLE =
            "This invitation link has expired or was already used. Ask your admin for a new one.";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private final JdbcClient owner = JdbcClient.create(TestDatabase.ownerDataSource());

    @Test
    void anInvitedPersonChoosesAPasswordAndSignsInWithTheInvitedRole() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        PageSession admin = signedIn(user(tenant, Role.ADMIN));
        String email = newEmail();

        HttpResponse<String> invited = admin.postForm("/app/settings/invitations",
                Map.of("email", email, "displayName", "Morgan Invitee", "role", "manager"));

        assertThat(invited.statusCode()).isEqualTo(200);
        assertThat(invited.body()).contains("copy this link", "data-testid=\"invitations\"", email);
        String token = token(invited.body());
        assertThat(link(invited.body())).isEqualTo("http://localhost:" + port + "/invite/" + token);
        assertThat(owner.sql("SELECT token_hash = sha256(convert_to(:token, 'UTF8')) FROM user_invitations "
                + "WHERE email = :email").param("token", token).param("email", email).query(Boolean.class).single())
                .as("only the token's SHA-256 is stored").isTrue();
        assertThat(admin.get("/app/settings").body()).as("the link is shown once").doesNotContain(token);

        PageSession invitee = new PageSession(port);
        HttpResponse<String> form = invitee.get("/invite/" + token);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Morgan Invitee", tenant.name(), "manager", email);
        assertThat(problem(accept(invitee, token, "too-short", "too-short")))
                .isEqualTo("The password must have 12 to 200 characters.");
        assertThat(problem(accept(invitee, token, email.toUpperCase(), email.toUpperCase())))
                .isEqualTo("The password must not be your e-mail address.");
        assertThat(problem(accept(invitee, token, "correct horse battery", "correct horse battery!")))
                .isEqualTo("The two passwords differ.");

        HttpResponse<String> accepted = accept(invitee, token, "correct horse battery", "correct horse battery");
        assertThat(accepted.statusCode()).isEqualTo(302);
        assertThat(accepted.headers().firstValue("Location").orElseThrow()).endsWith("/login?ready");
        assertThat(invitee.get("/login?ready").body()).contains("Your account is ready; sign in.");

        PageSession newUser = new PageSession(port);
        HttpResponse<String> signIn = newUser.signIn(email, "correct horse battery");
        assertThat(signIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        HttpResponse<String> overview = newUser.get("/");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("Morgan Invitee", "class=\"role\">manager<");
        assertThat(newUser.get("/app/settings").statusCode()).as("a manager, not an admin").isEqualTo(403);

        // the link works once: a second use changes nothing
        assertUnusable(new PageSession(port).get("/invite/" + token));
        PageSession second = new PageSession(port);
        assertUnusable(second.postForm("/invite/" + token,
                Map.of("password", "another password!", "confirmation", "another password!"), second.csrfToken("/login")));
        assertThat(new PageSession(port).signIn(email, "another password!").headers().firstValue("Location")
                .orElseThrow()).endsWith("/login?error");

        String settings = admin.get("/app/settings").body();
        assertThat(settings).contains("No invitation is waiting to be accepted.");
        assertThat(settings.substring(settings.indexOf("data-testid=\"users\""))).contains(email, "manager");
    }

    @Test
    void anExpiredARevokedAndAnUnknownLinkShowTheSameReadablePage() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        Users.NewUser adminUser = user(tenant, Role.ADMIN);
        PageSession admin = signedIn(adminUser);
        String expiredEmail = newEmail();
        Invitations.NewInvitation expired = invite(tenant, adminUser, expiredEmail, "Expired Person");
        Invitations.NewInvitation revoked = invite(tenant, adminUser, newEmail(), "Revoked Person");
        owner.sql("UPDATE user_invitations SET created_at = now() - interval '4 days', "
                + "expires_at = now() - interval '1 second' WHERE id = :id").param("id", expired.id()).update();
        assertThat(admin.get("/app/settings").body()).contains("Expired Person", "expired");

        HttpResponse<String> revoke = admin.postForm("/app/settings/invitations/" + revoked.id() + "/revoke", Map.of());
        assertThat(revoke.statusCode()).isEqualTo(302);
        assertThat(revoke.headers().firstValue("Location").orElseThrow()).endsWith("/app/settings?done=Invitation%20revoked");
        assertThat(admin.get("/app/settings").body()).doesNotContain("Revoked Person");

        PageSession anyone = new PageSession(port);
        HttpResponse<String> expiredPage = anyone.get("/invite/" + expired.token());
        HttpResponse<String> revokedPage = anyone.get("/invite/" + revoked.token());
        HttpResponse<String> unknownPage = anyone.get("/invite/" + "A".repeat(43));
        HttpResponse<String> malformedPage = anyone.get("/invite/not-a-token");
        for (HttpResponse<String> page : List.of(expiredPage, revokedPage, unknownPage, malformedPage)) {
            assertUnusable(page);
            assertThat(page.body()).isEqualTo(expiredPage.body());
        }
        String token = anyone.csrfToken("/login");
        assertUnusable(anyone.postForm("/invite/" + expired.token(),
                Map.of("password", "correct horse battery", "confirmation", "correct horse battery"), token));
        assertUnusable(anyone.postForm("/invite/" + revoked.token(),
                Map.of("password", "correct horse battery", "confirmation", "correct horse battery"), token));

        // an expired invitation is no obstacle to inviting the same person again
        HttpResponse<String> again = admin.postForm("/app/settings/invitations",
                Map.of("email", expiredEmail, "displayName", "Expired Person", "role", "viewer"));
        assertThat(new PageSession(port).get("/invite/" + token(again.body())).statusCode()).isEqualTo(200);
    }

    @Test
    void aViewerAndAManagerCannotInvite() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        for (Role role : List.of(Role.VIEWER, Role.MANAGER)) {
            PageSession browser = signedIn(user(tenant, role));
            String email = newEmail();

            HttpResponse<String> refused = browser.postForm("/app/settings/invitations",
                    Map.of("email", email, "displayName", "Someone", "role", "admin"));

            assertThat(refused.statusCode()).as(role.wireName()).isEqualTo(403);
            assertThat(refused.body()).contains("Your role does not allow this");
            assertThat(invitationsTo(email)).isZero();
        }
    }

    @Test
    void anotherTenantsAdminCannotSeeOrRevokeTheInvitation() {
        TenantSeeder.SeededTenant mine = TestTenants.create(context);
        TenantSeeder.SeededTenant theirs = TestTenants.create(context);
        Users.NewUser myAdmin = user(mine, Role.ADMIN);
        Invitations.NewInvitation invitation = invite(mine, myAdmin, newEmail(), "Only Mine");
        PageSession theirAdmin = signedIn(user(theirs, Role.ADMIN));

        assertThat(theirAdmin.get("/app/settings").body()).doesNotContain("Only Mine");
        HttpResponse<String> revoke = theirAdmin.postForm("/app/settings/invitations/" + invitation.id() + "/revoke",
                Map.of());
        HttpResponse<String> missing = theirAdmin.postForm("/app/settings/invitations/" + UUID.randomUUID() + "/revoke",
                Map.of());

        assertThat(revoke.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(new PageSession(port).get("/invite/" + invitation.token()).statusCode()).isEqualTo(200);
    }

    @Test
    void everyInvitationPostNeedsTheCsrfToken() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        Users.NewUser adminUser = user(tenant, Role.ADMIN);
        PageSession admin = signedIn(adminUser);
        Invitations.NewInvitation invitation = invite(tenant, adminUser, newEmail(), "Csrf Person");
        String email = newEmail();

        assertThat(admin.postForm("/app/settings/invitations",
                Map.of("email", email, "displayName", "Forged", "role", "admin"), null).statusCode()).isEqualTo(403);
        assertThat(invitationsTo(email)).isZero();
        assertThat(admin.postForm("/app/settings/invitations/" + invitation.id() + "/revoke", Map.of(), null)
                .statusCode()).isEqualTo(403);

        PageSession invitee = new PageSession(port);
        invitee.get("/invite/" + invitation.token());
        assertThat(invitee.postForm("/invite/" + invitation.token(),
                Map.of("password", "correct horse battery", "confirmation", "correct horse battery"), null)
                .statusCode()).isEqualTo(403);
        assertThat(invitee.get("/invite/" + invitation.token()).statusCode()).as("neither revoked nor used")
                .isEqualTo(200);
    }

    @Test
    void anExistingUserOrAPendingInvitationIsRefusedWithAClearMessage() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        Users.NewUser adminUser = user(tenant, Role.ADMIN);
        PageSession admin = signedIn(adminUser);
        String pending = invite(tenant, adminUser, newEmail(), "Pending Person").email();

        HttpResponse<String> existing = admin.postForm("/app/settings/invitations",
                Map.of("email", adminUser.user().email().toUpperCase(), "displayName", "Me Again", "role", "viewer"));
        HttpResponse<String> twice = admin.postForm("/app/settings/invitations",
                Map.of("email", pending, "displayName", "Pending Person", "role", "viewer"));
        HttpResponse<String> noName = admin.postForm("/app/settings/invitations",
                Map.of("email", newEmail(), "displayName", " ", "role", "viewer"));

        assertThat(existing.body()).contains(adminUser.user().email() + " is already a user of this MSP.")
                .doesNotContain("data-testid=\"invited\"");
        assertThat(twice.body()).contains(pending + " already has a pending invitation; revoke it to send a new one.");
        assertThat(noName.body()).contains("Give the person&#39;s name, 1 to 100 characters.");
        assertThat(invitationsTo(pending)).isEqualTo(1);
    }

    @Test
    void scriptPlantedInTheNameIsShownAsText() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        PageSession admin = signedIn(user(tenant, Role.ADMIN));
        String planted = "<script>alert('invited')</script>";

        HttpResponse<String> invited = admin.postForm("/app/settings/invitations",
                Map.of("email", newEmail(), "displayName", planted, "role", "viewer"));
        String signUp = new PageSession(port).get("/invite/" + token(invited.body())).body();

        for (String page : List.of(invited.body(), admin.get("/app/settings").body(), signUp)) {
            assertThat(page).contains("&lt;script&gt;alert(&#39;invited&#39;)&lt;/script&gt;").doesNotContain(planted);
        }
    }

    /** The per-address limit counts anonymous requests on every path but /health: the links are no exception. */
    @Test
    void invitationLinksCountAgainstTheAddressLimit() {
        RateLimiter limiter = context.getBean(RateLimiter.class);
        List<String> loopback = List.of("ip:127.0.0.1", "ip:0:0:0:0:0:0:0:1");
        long limit = 1_000_000; // the tests' limit (TestEnvironmentInitializer)
        RateLimiter.Decision probe = limiter.tryAcquire(loopback.get(0), limit);
        if (probe.resetSeconds() < 5) {
            sleep(probe.resetSeconds() * 1000 + 200); // stay in one window
        }

        long before = loopback.stream().mapToLong(key -> limiter.tryAcquire(key, limit).remaining()).sum();
        new PageSession(port).get("/invite/" + "B".repeat(43));
        long after = loopback.stream().mapToLong(key -> limiter.tryAcquire(key, limit).remaining()).sum();

        // each key lost one to the second probe, and the address the request came from one more
        assertThat(before - after).isEqualTo(3);
    }

    private Users.NewUser user(TenantSeeder.SeededTenant tenant, Role role) {
        return TenantContext.callAs(tenant.tenant(), () -> context.getBean(Users.class)
                .createWithPassword(newEmail(), "Pat Example", role));
    }

    private Invitations.NewInvitation invite(TenantSeeder.SeededTenant tenant, Users.NewUser admin, String email,
            String name) {
        return TenantContext.callAs(tenant.tenant(), () -> context.getBean(Invitations.class)
                .invite(email, name, Role.VIEWER, admin.user().id()));
    }

    private PageSession signedIn(Users.NewUser user) {
        PageSession browser = new PageSession(port);
        assertThat(browser.signIn(user.user().email(), user.password()).headers().firstValue("Location").orElseThrow())
                .doesNotContain("error");
        return browser;
    }

    private static HttpResponse<String> accept(PageSession browser, String token, String password,
            String confirmation) {
        return browser.postForm("/invite/" + token, Map.of("password", password, "confirmation", confirmation),
                browser.csrfToken("/invite/" + token));
    }

    private long invitationsTo(String email) {
        return owner.sql("SELECT count(*) FROM user_invitations WHERE email = :email").param("email", email)
                .query(Long.class).single();
    }

    private static void assertUnusable(HttpResponse<String> page) {
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains(UNUSABLE).doesNotContain("Exception", "<form");
    }

    private static String problem(HttpResponse<String> page) {
        Matcher m = Pattern.compile("data-testid=\"invite-problem\"[^>]*>([^<]+)<").matcher(page.body());
        return m.find() ? m.group(1).strip() : "(no problem shown; status " + page.statusCode() + ")";
    }

    private static String link(String page) {
        Matcher m = Pattern.compile("value=\"(http[^\"]+)\" data-testid=\"invite-link\"").matcher(page);
        if (!m.find()) {
            throw new AssertionError("No invitation link in the page");
        }
        return m.group(1);
    }

    private static String token(String page) {
        return link(page).substring(link(page).lastIndexOf('/') + 1);
    }

    private static String newEmail() {
        return "invitee-" + UUID.randomUUID() + "@example.com";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
