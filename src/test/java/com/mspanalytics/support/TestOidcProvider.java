package com.mspanalytics.support;

import com.mspanalytics.simulator.oidc.OidcProviderSimulator;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * One simulated OpenID Connect provider per test JVM (like {@link TestDatabase}), and the settings that point the
 * application's single sign-on at it; every {@link SingleSignOnTest} class shares the one context.
 */
public final class TestOidcProvider implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String NAME = "Simulated Entra";

    private static OidcProviderSimulator provider;

    public static synchronized OidcProviderSimulator provider() {
        if (provider == null) {
            provider = OidcProviderSimulator.start(0, 11);
        }
        return provider;
    }

    /** Where the provider may send the browser back to: the application's callback on its test port. */
    public static String redirectUri(int port) {
        return "http://localhost:" + port + "/login/oauth2/code/oidc";
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        OidcProviderSimulator oidc = provider();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testOidcProvider", Map.of(
                "OIDC_ISSUER_URI", oidc.issuer(),
                "OIDC_CLIENT_ID", oidc.clientId(),
                "OIDC_CLIENT_SECRET", oidc.clientSecret(),
                "OIDC_DISPLAY_NAME", NAME,
                // production mode: the provider on loopback is reached only when private addresses are allowed
                "msp.connectors.allow-private-addresses", "true")));
    }
}
