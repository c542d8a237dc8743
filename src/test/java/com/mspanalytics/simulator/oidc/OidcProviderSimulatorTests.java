package com.mspanalytics.simulator.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.Http;
import com.mspanalytics.simulator.oidc.OidcProviderSimulator.Identity;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The provider on its own, over real HTTP: what a client that is not Spring Security's could rely on. */
class OidcProviderSimulatorTests {

    private static final String REDIRECT = "http://localhost:9999/login/oauth2/code/oidc";
    private static final String VERIFIER = "a-code-verifier-of-at-least-forty-three-characters-0123456789";

    private OidcProviderSimulator provider;

    @BeforeEach
    void start() {
        provider = OidcProviderSimulator.start(0, 5);
        provider.allowRedirectUri(REDIRECT);
        provider.signInAs(Identity.verified("pat@example.com"));
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void discoveryNamesItsEndpointsUnderItsIssuer() throws Exception {
        JsonNode document = Http.json(Http.get(provider.issuer() + "/.well-known/openid-configuration"));

        assertThat(document.path("issuer").asText()).isEqualTo(provider.issuer());
        assertThat(document.path("authorization_endpoint").asText()).isEqualTo(provider.issuer() + "/authorize");
        assertThat(document.path("token_endpoint").asText()).isEqualTo(provider.issuer() + "/token");
        assertThat(document.path("jwks_uri").asText()).isEqualTo(provider.issuer() + "/jwks");
        assertThat(document.path("token_endpoint_auth_methods_supported").toString())
                .contains("client_secret_basic", "client_secret_post");
    }

    @Test
    void aCodeGivesAnIdTokenSignedWithItsKeysWithTheNonceAndTheIdentityByEitherClientAuthentication() throws Exception {
        for (boolean basic : new boolean[] {true, false}) {
            String code = authorize("the-state", "the-nonce");

            HttpResponse<String> token = basic
                    ? Http.postForm(provider.issuer() + "/token", exchange(code, VERIFIER), "Authorization",
                            "Basic " + base64(provider.clientId() + ":" + provider.clientSecret()))
                    : Http.postForm(provider.issuer() + "/token", withClient(exchange(code, VERIFIER)));

            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            assertThat(token.headers().firstValue("Cache-Control")).contains("no-store");
            SignedJWT idToken = SignedJWT.parse(Http.json(token).path("id_token").asText());
            RSAKey key = JWKSet.parse(Http.get(provider.issuer() + "/jwks").body()).getKeys().get(0).toRSAKey();
            assertThat(key.isPrivate()).isFalse();
            assertThat(idToken.getHeader().getKeyID()).isEqualTo(key.getKeyID());
            assertThat(idToken.verify(new RSASSAVerifier(key))).isTrue();
            var claims = idToken.getJWTClaimsSet();
            assertThat(claims.getIssuer()).isEqualTo(provider.issuer());
            assertThat(claims.getAudience()).containsExactly(provider.clientId());
            assertThat(claims.getStringClaim("nonce")).isEqualTo("the-nonce");
            assertThat(claims.getStringClaim("email")).isEqualTo("pat@example.com");
            assertThat(claims.getBooleanClaim("email_verified")).isTrue();
            assertThat(claims.getExpirationTime()).isInTheFuture();
        }
    }

    @Test
    void refusesWrongClientsReusedCodesAWrongVerifierAndUnregisteredRedirects() {
        String code = authorize("s", "n");
        Map<String, String> wrongSecret = new java.util.HashMap<>(exchange(code, VERIFIER));
        wrongSecret.put("client_id", provider.clientId());
        wrongSecret.put("client_secret", "not-the-secret");
        HttpResponse<String> badClient = Http.postForm(provider.issuer() + "/token", wrongSecret);
        assertThat(badClient.statusCode()).isEqualTo(401);
        assertThat(Http.json(badClient).path("error").asText()).isEqualTo("invalid_client");

        String used = authorize("s", "n");
        assertThat(Http.postForm(provider.issuer() + "/token", withClient(exchange(used, VERIFIER))).statusCode())
                .isEqualTo(200);
        HttpResponse<String> again = Http.postForm(provider.issuer() + "/token", withClient(exchange(used, VERIFIER)));
        assertThat(Http.json(again).path("error").asText()).isEqualTo("invalid_grant");

        HttpResponse<String> wrongVerifier = Http.postForm(provider.issuer() + "/token",
                withClient(exchange(authorize("s", "n"), VERIFIER + "x")));
        assertThat(wrongVerifier.statusCode()).isEqualTo(400);
        assertThat(Http.json(wrongVerifier).path("error").asText()).isEqualTo("invalid_grant");

        HttpResponse<String> elsewhere = Http.get(authorizeUrl("s", "n").replace(encode(REDIRECT),
                encode("https://evil.example/callback")));
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(elsewhere.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void withNobodyToSignInTheProviderAnswersAccessDeniedWithTheState() {
        provider.signInAs(null);

        HttpResponse<String> answer = Http.get(authorizeUrl("keep-me", "n"));

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow())
                .isEqualTo(REDIRECT + "?error=access_denied&state=keep-me");
    }

    private String authorize(String state, String nonce) {
        HttpResponse<String> answer = Http.get(authorizeUrl(state, nonce));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        URI back = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertThat(back.getRawQuery()).endsWith("&state=" + state);
        return back.getRawQuery().replaceAll("^code=([^&]+)&.*$", "$1");
    }

    private String authorizeUrl(String state, String nonce) {
        return provider.issuer() + "/authorize?response_type=code&client_id=" + provider.clientId()
                + "&scope=openid%20email%20profile&redirect_uri=" + encode(REDIRECT) + "&state=" + state
                + "&nonce=" + nonce + "&code_challenge=" + s256(VERIFIER) + "&code_challenge_method=S256";
    }

    private static Map<String, String> exchange(String code, String verifier) {
        return Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "code_verifier", verifier);
    }

    private Map<String, String> withClient(Map<String, String> form) {
        Map<String, String> all = new java.util.HashMap<>(form);
        all.put("client_id", provider.clientId());
        all.put("client_secret", provider.clientSecret());
        return all;
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
