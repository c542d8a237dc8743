package com.mspanalytics.auth.oidc;

import com.mspanalytics.config.RequiredSecret;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Single sign-on with one OpenID Connect provider, from the {@code OIDC_*} variables (application.yml maps them).
 * Without an issuer there is no single sign-on: no link on the sign-in page and no {@code /oauth2} endpoints.
 *
 * @param issuerUri the provider's issuer identifier, where discovery starts ({@code OIDC_ISSUER_URI}); for Entra ID
 *     {@code https://login.microsoftonline.com/{directory id}/v2.0}
 * @param clientId the dashboard's client (application) id at the provider ({@code OIDC_CLIENT_ID})
 * @param clientSecret its client secret ({@code OIDC_CLIENT_SECRET})
 * @param displayName the provider's name on the sign-in page ({@code OIDC_DISPLAY_NAME}): "Sign in with Microsoft"
 */
@ConfigurationProperties("msp.sso.oidc")
record OidcProperties(@Nullable String issuerUri, @Nullable String clientId, @Nullable String clientSecret,
        String displayName) {

    static final RequiredSecret CLIENT_SECRET = new RequiredSecret("OIDC_CLIENT_SECRET", 16);
    private static final String DEFAULT_NAME = "Microsoft";

    OidcProperties {
        issuerUri = blank(issuerUri) ? null : issuerUri.strip();
        displayName = blank(displayName) ? DEFAULT_NAME : displayName.strip();
    }

    boolean configured() {
        return issuerUri != null;
    }

    /**
     * Why the service must not start with these settings, naming the variable; null when they are fine. Never
     * includes the secret.
     *
     * @param httpsOnly whether the issuer must use https (production, unless private addresses are allowed: the
     *     provider is called through the same outbound policy as the connectors)
     */
    @Nullable String problem(boolean httpsOnly) {
        if (issuerUri == null) {
            return blank(clientId) && blank(clientSecret) ? null
                    : "OIDC_ISSUER_URI is not set; OIDC_CLIENT_ID and OIDC_CLIENT_SECRET mean nothing without it";
        }
        String scheme = schemeOf(issuerUri);
        if (scheme == null) {
            return "OIDC_ISSUER_URI is not an http or https URL with a host and without a query or fragment";
        }
        if (httpsOnly && !scheme.equals("https")) {
            return "OIDC_ISSUER_URI must be an https URL (plain http only with CONNECTORS_ALLOW_PRIVATE_ADDRESSES=true)";
        }
        if (blank(clientId)) {
            return "OIDC_CLIENT_ID is not set; it is required with OIDC_ISSUER_URI";
        }
        return CLIENT_SECRET.problemWith(clientSecret);
    }

    private static @Nullable String schemeOf(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean shaped = uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null;
            return shaped && (scheme.equals("https") || scheme.equals("http")) ? scheme : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
