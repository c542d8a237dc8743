package com.mspanalytics.simulator.oidc;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mspanalytics.simulator.http.Faults;
import com.mspanalytics.simulator.http.ServiceErrors;
import com.mspanalytics.simulator.http.SimRequest;
import com.mspanalytics.simulator.http.SimResponse;
import com.mspanalytics.simulator.http.SimSecrets;
import com.mspanalytics.simulator.http.SimServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * An OpenID Connect provider on loopback, as small as signing in needs (OpenID Connect Core 1.0, the authorization
 * code flow; Discovery 1.0): {@code /.well-known/openid-configuration}; {@code /authorize}, which approves at once as
 * the identity a test chose, or answers {@code access_denied} as when the person cancels; {@code /token}, with the
 * client authenticated by {@code client_secret_basic} or {@code client_secret_post}, single-use codes bound to the
 * redirect URI and PKCE (S256) when the request had a challenge, answering an RS256 ID token with the request's
 * nonce; and {@code /jwks}. Claims come from the ID token only, as the dashboard reads them, so there is no userinfo
 * endpoint. A test can also make the provider forge its next tokens ({@link Forgery}).
 */
public final class OidcProviderSimulator implements AutoCloseable {

    /** Who the provider says signed in; a null flag is a claim the token leaves out (Entra ID omits email_verified). */
    public record Identity(String subject, String email, @Nullable Boolean emailVerified,
            @Nullable Boolean emailDomainOwnerVerified, String name) {

        public static Identity verified(String email) {
            return new Identity(subjectOf(email), email, true, null, "Pat Example");
        }

        public static Identity unverified(String email) {
            return new Identity(subjectOf(email), email, false, null, "Pat Example");
        }

        /** As Entra ID asserts a user with the optional claim xms_edov: no email_verified, the domain owner verified. */
        public static Identity entra(String email, boolean domainOwnerVerified) {
            return new Identity(subjectOf(email), email, null, domainOwnerVerified, "Pat Example");
        }

        private static String subjectOf(String email) {
            return SimSecrets.of(0, "oidc-subject:" + email, 24);
        }
    }

    /** What is wrong with the ID tokens the provider issues next (NONE: nothing). */
    public enum Forgery { NONE, WRONG_NONCE, WRONG_AUDIENCE, WRONG_ISSUER, EXPIRED, UNKNOWN_KEY }

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);

    private record Grant(String redirectUri, @Nullable String nonce, @Nullable String codeChallenge, Identity identity,
            Instant issuedAt) {
    }

    private record Discovery(String issuer,
            @JsonProperty("authorization_endpoint") String authorizationEndpoint,
            @JsonProperty("token_endpoint") String tokenEndpoint,
            @JsonProperty("jwks_uri") String jwksUri,
            @JsonProperty("response_types_supported") List<String> responseTypesSupported,
            @JsonProperty("subject_types_supported") List<String> subjectTypesSupported,
            @JsonProperty("id_token_signing_alg_values_supported") List<String> idTokenSigningAlgValuesSupported,
            @JsonProperty("scopes_supported") List<String> scopesSupported,
            @JsonProperty("token_endpoint_auth_methods_supported") List<String> tokenEndpointAuthMethodsSupported,
            @JsonProperty("code_challenge_methods_supported") List<String> codeChallengeMethodsSupported,
            @JsonProperty("claims_supported") List<String> claimsSupported) {
    }

    private record TokenResponse(@JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") long expiresIn,
            @JsonProperty("id_token") String idToken, String scope) {
    }

    private record OAuthError(String error, @JsonProperty("error_description") String errorDescription) {
    }

    private final SimServer server;
    private final String clientId;
    private final String clientSecret;
    private final RSAKey signingKey;
    private volatile @Nullable RSAKey foreignKey;
    private final SecureRandom random = new SecureRandom();
    private final Set<String> redirectUris = ConcurrentHashMap.newKeySet();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private volatile @Nullable Identity identity;
    private volatile Forgery forgery = Forgery.NONE;

    private OidcProviderSimulator(int port, long seed) {
        this.clientId = SimSecrets.of(seed, "oidc-client-id", 32);
        this.clientSecret = SimSecrets.of(seed, "oidc-client-secret", 40);
        this.signingKey = generateKey("sim-" + SimSecrets.of(seed, "oidc-kid", 8));
        this.server = SimServer.start(port, new Faults(seed), new Errors(), this::handle);
    }

    public static OidcProviderSimulator start(int port, long seed) {
        return new OidcProviderSimulator(port, seed);
    }

    /** The issuer identifier, also where discovery starts: {@code http://127.0.0.1:PORT}. */
    public String issuer() {
        return server.baseUrl();
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    /** Registers a redirect URI of the client; the provider redirects only to registered ones, compared exactly. */
    public void allowRedirectUri(String uri) {
        redirectUris.add(uri);
    }

    /** Who the next authorizations approve as; null refuses them with {@code access_denied}. */
    public void signInAs(@Nullable Identity next) {
        this.identity = next;
    }

    public void forge(Forgery next) {
        this.forgery = next;
    }

    public SimServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }

    private SimResponse handle(SimRequest request) {
        return switch (request.method() + " " + request.path()) {
            case "GET /.well-known/openid-configuration" -> SimResponse.json(200, discovery());
            case "GET /authorize" -> authorize(request);
            case "POST /token" -> token(request);
            case "GET /jwks" -> SimResponse.jsonBytes(200, new JWKSet(signingKey.toPublicJWK()).toString(true)
                    .getBytes(StandardCharsets.UTF_8));
            default -> SimResponse.json(404, new OAuthError("not_found", "no such endpoint"));
        };
    }

    private Discovery discovery() {
        String issuer = issuer();
        return new Discovery(issuer, issuer + "/authorize", issuer + "/token", issuer + "/jwks", List.of("code"),
                List.of("public"), List.of("RS256"), List.of("openid", "email", "profile"),
                List.of("client_secret_basic", "client_secret_post"), List.of("S256"),
                List.of("iss", "sub", "aud", "exp", "iat", "nonce", "email", "email_verified", "xms_edov", "name"));
    }

    /** Errors about the client or its redirect URI are shown, never redirected: the URI is not trusted then. */
    private SimResponse authorize(SimRequest request) {
        String redirectUri = request.param("redirect_uri");
        if (!clientId.equals(request.param("client_id"))) {
            return SimResponse.text(400, "unknown client_id");
        }
        if (redirectUri == null || !redirectUris.contains(redirectUri)) {
            return SimResponse.text(400, "redirect_uri is not registered for this client");
        }
        String state = request.param("state");
        if (!"code".equals(request.param("response_type"))) {
            return redirect(redirectUri, Map.of("error", "unsupported_response_type"), state);
        }
        String scope = request.param("scope");
        if (scope == null || !List.of(scope.split(" ")).contains("openid")) {
            return redirect(redirectUri, Map.of("error", "invalid_scope"), state);
        }
        String challenge = request.param("code_challenge");
        if (challenge != null && !"S256".equals(request.param("code_challenge_method"))) {
            return redirect(redirectUri, Map.of("error", "invalid_request"), state);
        }
        Identity approved = identity;
        if (approved == null) {
            return redirect(redirectUri, Map.of("error", "access_denied"), state);
        }
        String code = randomToken();
        codes.put(code, new Grant(redirectUri, request.param("nonce"), challenge, approved, Instant.now()));
        return redirect(redirectUri, Map.of("code", code), state);
    }

    private static SimResponse redirect(String redirectUri, Map<String, String> params, @Nullable String state) {
        Map<String, String> all = new LinkedHashMap<>(params);
        if (state != null) {
            all.put("state", state);
        }
        String query = all.entrySet().stream().map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
                .collect(Collectors.joining("&"));
        String location = redirectUri + (redirectUri.contains("?") ? "&" : "?") + query;
        return new SimResponse(302, new LinkedHashMap<>(Map.of("Location", location)), new byte[0]);
    }

    private SimResponse token(SimRequest request) {
        Map<String, String> form = request.form();
        String authorization = request.header("Authorization");
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        if (!authenticated(basic ? fromBasic(authorization) : new String[] {form.get("client_id"), form.get("client_secret")})) {
            SimResponse refused = tokenError(401, "invalid_client", "client authentication failed");
            return basic ? refused.withHeader("WWW-Authenticate", "Basic realm=\"simulator\"") : refused;
        }
        if (!"authorization_code".equals(form.get("grant_type"))) {
            return tokenError(400, "unsupported_grant_type", "only authorization_code");
        }
        Grant grant = form.get("code") == null ? null : codes.remove(form.get("code"));   // single use, even on failure
        if (grant == null || grant.issuedAt().plus(CODE_LIFETIME).isBefore(Instant.now())) {
            return tokenError(400, "invalid_grant", "unknown, used or expired code");
        }
        if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
            return tokenError(400, "invalid_grant", "redirect_uri differs from the authorization request's");
        }
        if (grant.codeChallenge() != null && !grant.codeChallenge().equals(s256(form.get("code_verifier")))) {
            return tokenError(400, "invalid_grant", "code_verifier does not match the code_challenge");
        }
        return SimResponse.json(200, new TokenResponse(randomToken(), "Bearer", TOKEN_LIFETIME.toSeconds(),
                idToken(grant), "openid email profile")).withHeader("Cache-Control", "no-store");
    }

    private boolean authenticated(String[] credentials) {
        return credentials.length == 2 && clientId.equals(credentials[0]) && credentials[1] != null
                && MessageDigest.isEqual(clientSecret.getBytes(StandardCharsets.UTF_8),
                        credentials[1].getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 6749 §2.3.1: the id and secret are form-encoded before they are joined and base64-encoded. */
    private static String[] fromBasic(String authorization) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new String[0];
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return new String[0];
        }
        return new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
    }

    private String idToken(Grant grant) {
        Forgery forged = forgery;
        Instant now = Instant.now();
        Instant expires = forged == Forgery.EXPIRED ? now.minus(Duration.ofMinutes(10)) : now.plus(TOKEN_LIFETIME);
        Identity who = grant.identity();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(forged == Forgery.WRONG_ISSUER ? issuer() + "/other" : issuer())
                .subject(who.subject())
                .audience(forged == Forgery.WRONG_AUDIENCE ? "another-client" : clientId)
                .issueTime(Date.from(forged == Forgery.EXPIRED ? expires.minus(TOKEN_LIFETIME) : now))
                .expirationTime(Date.from(expires))
                .claim("email", who.email())
                .claim("name", who.name());
        if (grant.nonce() != null) {
            claims.claim("nonce", forged == Forgery.WRONG_NONCE ? grant.nonce() + "-replayed" : grant.nonce());
        }
        if (who.emailVerified() != null) {
            claims.claim("email_verified", who.emailVerified());
        }
        if (who.emailDomainOwnerVerified() != null) {
            claims.claim("xms_edov", who.emailDomainOwnerVerified());
        }
        RSAKey key = forged == Forgery.UNKNOWN_KEY ? foreignKey() : signingKey;
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with a freshly generated RSA key", e);
        }
        return jwt.serialize();
    }

    /** Another key under the signing key's id, so that only the signature gives the forgery away. */
    private RSAKey foreignKey() {
        RSAKey key = foreignKey;
        if (key == null) {
            key = generateKey(signingKey.getKeyID());   // generating a key takes a while: only for the tests that forge
            foreignKey = key;
        }
        return key;
    }

    private static SimResponse tokenError(int status, String error, String description) {
        return SimResponse.json(status, new OAuthError(error, description)).withHeader("Cache-Control", "no-store");
    }

    private static @Nullable String s256(@Nullable String verifier) {
        if (verifier == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static RSAKey generateKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** "Slow down" and "failed" in OAuth's error body, with RFC 6749 §4.1.2.1's codes for them. */
    private static final class Errors implements ServiceErrors {
        @Override
        public SimResponse tooManyRequests(int retryAfterSeconds) {
            return SimResponse.json(429, new OAuthError("temporarily_unavailable", "too many requests"))
                    .withHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }

        @Override
        public SimResponse serverError() {
            return SimResponse.json(500, new OAuthError("server_error", "the simulated provider failed"));
        }
    }
}
