package com.mspanalytics.auth.oidc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.mspanalytics.outbound.OutboundUrlRejected;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The one client registration, built from the settings and the provider's discovery document (OpenID Connect
 * Discovery 1.0 §4). The document is read at the first sign-in rather than at startup, so that the service starts
 * while the provider is unreachable (password sign-in and the API do not need it); once read it is kept, and a
 * failed read is tried again at the next sign-in.
 */
final class ProviderRegistration implements ClientRegistrationRepository {

    static final String ID = "oidc";
    /** What the dashboard reads: the e-mail address (and whether it is verified) and the name, from the ID token. */
    static final List<String> SCOPES = List.of("openid", "email", "profile");

    private static final Logger log = LoggerFactory.getLogger(ProviderRegistration.class);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Discovery(@Nullable String issuer,
            @JsonProperty("authorization_endpoint") @Nullable String authorizationEndpoint,
            @JsonProperty("token_endpoint") @Nullable String tokenEndpoint,
            @JsonProperty("jwks_uri") @Nullable String jwksUri,
            @JsonProperty("token_endpoint_auth_methods_supported") @Nullable List<String> tokenEndpointAuthMethods) {
    }

    private final OidcProperties settings;
    private final String issuer;
    private final RestClient http;
    private volatile @Nullable ClientRegistration registration;

    ProviderRegistration(OidcProperties settings, RestClient http) {
        this.settings = settings;
        this.issuer = Objects.requireNonNull(settings.issuerUri(), "only built when single sign-on is configured");
        this.http = http;
    }

    @Override
    public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
        if (!ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration known = registration;
        if (known == null) {
            known = discover();   // two first sign-ins at once may both read the document: harmless
            registration = known;
        }
        return known;
    }

    /** @return null when the document cannot be read or does not fit; the sign-in then fails, and says so in the log */
    private @Nullable ClientRegistration discover() {
        String location = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                + "/.well-known/openid-configuration";
        Discovery document;
        try {
            document = http.get().uri(location).retrieve().body(Discovery.class);
        } catch (RestClientException | OutboundUrlRejected e) {
            log.warn("Single sign-on: cannot read the provider's discovery document at {}: {}", location, e.getMessage());
            return null;
        }
        // Discovery §4.3: the issuer in the document must be exactly the one configured (Entra ID's multi-tenant
        // endpoints answer a template, which cannot be matched: configure the directory's own issuer)
        if (document == null || !issuer.equals(document.issuer()) || document.authorizationEndpoint() == null
                || document.tokenEndpoint() == null || document.jwksUri() == null) {
            log.warn("Single sign-on: the discovery document at {} does not name issuer {} with an authorization "
                    + "endpoint, a token endpoint and a key set", location, issuer);
            return null;
        }
        return ClientRegistration.withRegistrationId(ID)
                .clientName(settings.displayName())
                .clientId(settings.clientId())
                .clientSecret(settings.clientSecret())
                .clientAuthenticationMethod(clientAuthentication(document.tokenEndpointAuthMethods()))
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope(SCOPES)
                .issuerUri(issuer)
                .authorizationUri(document.authorizationEndpoint())
                .tokenUri(document.tokenEndpoint())
                .jwkSetUri(document.jwksUri())
                .userNameAttributeName(IdTokenClaimNames.SUB)
                // PKCE for a confidential client too (OAuth 2.0 Security BCP, RFC 9700 §2.1.1): a stolen code is
                // useless without the verifier kept in this session
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .build();
    }

    /** client_secret_basic, the default when the provider names none (Discovery §3), unless it takes only post. */
    private static ClientAuthenticationMethod clientAuthentication(@Nullable List<String> supported) {
        boolean postOnly = supported != null && !supported.contains("client_secret_basic")
                && supported.contains("client_secret_post");
        return postOnly ? ClientAuthenticationMethod.CLIENT_SECRET_POST : ClientAuthenticationMethod.CLIENT_SECRET_BASIC;
    }
}
