package com.mspanalytics.dashboard;

import static com.mspanalytics.support.OidcRoundTrip.assertRefused;
import static com.mspanalytics.support.OidcRoundTrip.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.admin.TenantSeeder;
import com.mspanalytics.auth.oidc.OidcSignIn;
import com.mspanalytics.auth.users.Role;
import com.mspanalytics.auth.users.Users;
import com.mspanalytics.simulator.oidc.OidcProviderSimulator;
import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.PageSession;
import com.mspanalytics.support.TestOidcProvider;
import com.mspanalytics.support.TestTenants;
import com.mspanalytics.tenant.TenantContext;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service starts while the single sign-on provider is down (its discovery document is read at the first
 * sign-in), says so on the sign-in page instead of failing with a 500, and signs people in once it is up.
 */
@IntegrationTest
class SingleSignOnProviderDownIntegrationTests {

    private static final long SEED = 23;
    /** A provider's port and credentials, the provider itself stopped until the test starts it there again. */
    private static final OidcProviderSimulator STOPPED = OidcProviderSimulator.start(0, SEED);

    static {
        STOPPED.close();
    }

    @DynamicPropertySource
    static void downProvider(DynamicPropertyRegistry registry) {
        registry.add("OIDC_ISSUER_URI", STOPPED::issuer);
        registry.add("OIDC_CLIENT_ID", STOPPED::clientId);
        registry.add("OIDC_CLIENT_SECRET", STOPPED::clientSecret);
        registry.add("msp.connectors.allow-private-addresses", () -> "true");
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void aSignInWhileTheProviderIsDownIsRefusedWithAMessageAndOneAfterItIsUpSucceeds() {
        PageSession early = new PageSession(port);
        assertThat(early.get("/login").body()).contains("Sign in with Microsoft");

        HttpResponse<String> down = early.get(OidcSignIn.AUTHORIZATION_PATH);

        assertRefused(early, down, "Signing in with Microsoft did not complete. Try again, or sign in with your password.");

        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        String email = TenantContext.callAs(tenant.tenant(), () -> context.getBean(Users.class)
                .createWithPassword("late-" + UUID.randomUUID() + "@example.com", "Lee Late", Role.VIEWER)).user().email();
        try (OidcProviderSimulator up = OidcProviderSimulator.start(URI.create(STOPPED.issuer()).getPort(), SEED)) {
            up.allowRedirectUri(TestOidcProvider.redirectUri(port));
            up.signInAs(OidcProviderSimulator.Identity.verified(email));
            PageSession later = new PageSession(port);

            assertThat(signIn(later).headers().firstValue("Location")).contains("http://localhost:" + port + "/");
            assertThat(later.get("/").body()).contains("Lee Late", tenant.name());
        }
    }
}
