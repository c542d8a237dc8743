package com.mspanalytics.dashboard;

import static com.mspanalytics.support.OidcRoundTrip.assertRefused;
import static com.mspanalytics.support.OidcRoundTrip.pathOf;
import static com.mspanalytics.support.OidcRoundTrip.query;
import static com.mspanalytics.support.OidcRoundTrip.returnFromProvider;
import static com.mspanalytics.support.OidcRoundTrip.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.admin.TenantSeeder;
import com.mspanalytics.auth.oidc.OidcSignIn;
import com.mspanalytics.auth.users.Role;
import com.mspanalytics.auth.users.Users;
import com.mspanalytics.simulator.Http;
import com.mspanalytics.simulator.http.RecordedRequest;
import com.mspanalytics.simulator.oidc.OidcProviderSimulator;
import com.mspanalytics.simulator.oidc.OidcProviderSimulator.Forgery;
import com.mspanalytics.simulator.oidc.OidcProviderSimulator.Identity;
import com.mspanalytics.support.PageSession;
import com.mspanalytics.support.SingleSignOnTest;
import com.mspanalytics.support.TestOidcProvider;
import com.mspanalytics.support.TestTenants;
import com.mspanalytics.tenant.TenantContext;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Single sign-on through the simulator's OpenID Connect provider, over real HTTP on loopback and the real database:
 * the sign-in page's link, the redirect to the provider with state, nonce and PKCE, the provider's redirect back
 * with a code, the app's own call to the token endpoint and the key set, and then the session of the tenant user
 * whose verified e-mail address the provider asserted. Everything the provider or the browser could get wrong is
 * refused back to the sign-in page.
 */
@SingleSignOnTest
class SingleSignOnIntegrationTests {

    static final OidcProviderSimulator PROVIDER = TestOidcProvider.provider();
    static final String PROVIDER_NAME = TestOidcProvider.NAME;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void registerTheRedirectUri() {
        PROVIDER.allowRedirectUri(TestOidcProvider.redirectUri(port));
    }

    @AfterEach
    void honestProvider() {
        PROVIDER.forge(Forgery.NONE);
        PROVIDER.signInAs(null);
    }

    @Test
    void aKnownVerifiedAddressSignsInToItsTenantAndSeesTheOverview() {
        TenantSeeder.SeededTenant mine = TestTenants.create(context);
        TenantSeeder.SeededTenant other = TestTenants.create(context);
        String email = user(mine, Role.VIEWER, "Sam Single").user().email();
        user(other, Role.ADMIN, "Someone Else");
        PageSession browser = new PageSession(port);

        HttpResponse<String> signInPage = browser.get("/login");
        assertThat(signInPage.body()).contains("href=\"" + OidcSignIn.AUTHORIZATION_PATH + "\"",
                "Sign in with " + PROVIDER_NAME);
        assertThat(signInPage.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("form-action 'self'");

        PROVIDER.signInAs(Identity.verified(email.toUpperCase(java.util.Locale.ROOT)));   // e-mail case does not matter
        HttpResponse<String> toProvider = browser.get(OidcSignIn.AUTHORIZATION_PATH);
        assertThat(toProvider.statusCode()).isEqualTo(302);
        String authorize = toProvider.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(PROVIDER.issuer() + "/authorize?");
        Map<String, String> request = query(authorize);
        assertThat(request).containsEntry("response_type", "code").containsEntry("client_id", PROVIDER.clientId())
                .containsEntry("scope", "openid email profile").containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", TestOidcProvider.redirectUri(port))
                .containsKeys("state", "nonce", "code_challenge");
        String sessionBefore = browser.cookie();

        HttpResponse<String> back = returnFromProvider(browser, authorize, state -> state);

        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location").orElseThrow()).isEqualTo("http://localhost:" + port + "/");
        assertThat(browser.cookie()).as("a new session id after signing in").isNotEqualTo(sessionBefore);
        HttpResponse<String> overview = browser.get("/");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains(mine.name(), "Sam Single", "Sales Opportunities", "SOC Metrics")
                .doesNotContain(other.name(), "Someone Else");
        assertThat(browser.get("/app/settings").statusCode()).as("a viewer's role, as with a password").isEqualTo(403);
        RecordedRequest token = PROVIDER.server().requests().stream().filter(r -> r.path().equals("/token"))
                .reduce((first, last) -> last).orElseThrow();
        assertThat(token.headers()).as("client_secret_basic, recorded masked").containsEntry("Authorization", "****");
        assertThat(token.body()).doesNotContain(PROVIDER.clientSecret()).contains("code_verifier=");

        browser.postForm("/logout", Map.of());
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void entraIdsDomainOwnerVerifiedClaimCountsAsAVerifiedAddress() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        String email = user(tenant, Role.MANAGER, "Erin Entra").user().email();

        PROVIDER.signInAs(Identity.entra(email, true));
        PageSession verified = new PageSession(port);
        assertThat(signIn(verified).headers().firstValue("Location"))
                .contains("http://localhost:" + port + "/");
        assertThat(verified.get("/").body()).contains("Erin Entra", tenant.name());

        PROVIDER.signInAs(Identity.entra(email, false));
        PageSession unverified = new PageSession(port);
        assertRefused(unverified, signIn(unverified), unverifiedMessage());
    }

    @Test
    void anUnverifiedAddressIsRefusedEvenWhenItsAccountExists() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        String email = user(tenant, Role.ADMIN, "Una Verified").user().email();
        PROVIDER.signInAs(Identity.unverified(email));
        PageSession browser = new PageSession(port);

        HttpResponse<String> back = signIn(browser);

        assertRefused(browser, back, unverifiedMessage());
    }

    @Test
    void anUnknownAddressAndOneOfSeveralTenantsGetTheSameMessageAndNoUserIsCreated() {
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
        PROVIDER.signInAs(Identity.verified(unknown));
        PageSession first = new PageSession(port);
        HttpResponse<String> none = signIn(first);

        String shared = "shared-" + UUID.randomUUID() + "@example.com";
        for (TenantSeeder.SeededTenant tenant : new TenantSeeder.SeededTenant[] {TestTenants.create(context),
                TestTenants.create(context)}) {
            TenantContext.callAs(tenant.tenant(), () -> context.getBean(Users.class)
                    .createWithPassword(shared, "Two Tenants", Role.VIEWER));
        }
        PROVIDER.signInAs(Identity.verified(shared));
        PageSession second = new PageSession(port);
        HttpResponse<String> several = signIn(second);

        String message = "No MSP Analytics account has the e-mail address of your " + PROVIDER_NAME + " account. "
                + "Ask an admin of your MSP to add you with that address, or sign in with your password.";
        assertRefused(first, none, message);
        assertRefused(second, several, message);
        assertThat(context.getBean(Users.class).findOnlyAccount(unknown)).as("no user created on the fly").isEmpty();
    }

    @Test
    void aCallbackWithAnotherStateIsRefused() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        PROVIDER.signInAs(Identity.verified(user(tenant, Role.VIEWER, "Stan State").user().email()));
        PageSession browser = new PageSession(port);
        String authorize = browser.get(OidcSignIn.AUTHORIZATION_PATH).headers().firstValue("Location").orElseThrow();

        HttpResponse<String> back = returnFromProvider(browser, authorize, state -> state + "x");

        assertRefused(browser, back, didNotComplete());
    }

    @Test
    void aCodeCannotBeUsedInAnotherBrowsersSession() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        PROVIDER.signInAs(Identity.verified(user(tenant, Role.VIEWER, "Cody Code").user().email()));
        PageSession victim = new PageSession(port);
        String authorize = victim.get(OidcSignIn.AUTHORIZATION_PATH).headers().firstValue("Location").orElseThrow();
        String callback = Http.get(authorize).headers().firstValue("Location").orElseThrow();
        PageSession attacker = new PageSession(port);
        attacker.get("/login");

        HttpResponse<String> stolen = attacker.get(pathOf(callback));

        assertRefused(attacker, stolen, didNotComplete());
    }

    @ParameterizedTest
    @EnumSource(value = Forgery.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aForgedIdTokenIsRefused(Forgery forgery) {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        PROVIDER.signInAs(Identity.verified(user(tenant, Role.ADMIN, "Fay Forged").user().email()));
        PROVIDER.forge(forgery);
        PageSession browser = new PageSession(port);

        HttpResponse<String> back = signIn(browser);

        assertRefused(browser, back, didNotComplete());
    }

    @Test
    void cancellingAtTheProviderLeadsBackToTheSignInPage() {
        PROVIDER.signInAs(null);
        PageSession browser = new PageSession(port);

        HttpResponse<String> back = signIn(browser);

        assertRefused(browser, back, didNotComplete());
    }

    private static String unverifiedMessage() {
        return PROVIDER_NAME + " did not confirm that the e-mail address of your account is verified, so it cannot "
                + "sign you in here. Sign in with your password instead.";
    }

    private static String didNotComplete() {
        return "Signing in with " + PROVIDER_NAME + " did not complete. Try again, or sign in with your password.";
    }

    private Users.NewUser user(TenantSeeder.SeededTenant tenant, Role role, String name) {
        return TenantContext.callAs(tenant.tenant(), () -> context.getBean(Users.class)
                .createWithPassword("sso-" + UUID.randomUUID() + "@example.com", name, role));
    }
}
