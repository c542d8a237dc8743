package com.mspanalytics.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.admin.TenantSeeder.SeededTenant;
import com.mspanalytics.support.Http;
import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.TestSecrets;
import com.mspanalytics.support.TestTenants;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** RFC 8725 attacks against the Bearer path; each must end in 401. */
@IntegrationTest
class JwtIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    SeededTenant tenant;

    @BeforeEach
    void tenant() {
        tenant = TestTenants.create(context);
    }

    @Test
    void anApiKeyIsExchangedForAWorkingShortLivedToken() {
        var response = Json.parse(new Http(port, tenant.apiKey()).post("/auth/token", "").body());

        assertThat(response.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(response.path("expiresIn").asLong()).isBetween(60L, 3600L);
        assertThat(status(response.path("accessToken").asString())).isEqualTo(200);
    }

    @Test
    void aWellFormedTokenSignedWithOurKeyWorks() throws Exception {
        assertThat(status(hs256(claims().build(), TestSecrets.JWT_SECRET_KEY))).isEqualTo(200);
    }

    @Test
    void algNoneIsRefused() {
        assertThat(status(new PlainJWT(claims().build()).serialize())).isEqualTo(401);
    }

    @Test
    void otherAlgorithmsAreRefusedEvenWithOurKey() throws Exception {
        SignedJWT hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims().build());
        hs512.sign(new MACSigner(TestSecrets.JWT_SECRET_KEY.getBytes(StandardCharsets.UTF_8)));
        SignedJWT rs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims().build());
        rs256.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));

        assertThat(status(hs512.serialize())).isEqualTo(401);
        assertThat(status(rs256.serialize())).isEqualTo(401);
    }

    @Test
    void aTamperedPayloadIsRefused() throws Exception {
        String[] parts = hs256(claims().build(), TestSecrets.JWT_SECRET_KEY).split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(claims()
                .claim("permissions", List.of("read", "sync", "compute", "llm", "admin")).claim("tenant_id",
                        java.util.UUID.randomUUID().toString()).build().toString().getBytes(StandardCharsets.UTF_8));

        assertThat(status(parts[0] + "." + forged + "." + parts[2])).isEqualTo(401);
    }

    @Test
    void theWrongKeyIsRefused() throws Exception {
        assertThat(status(hs256(claims().build(), TestSecrets.JWT_SECRET_KEY.replace('t', 'T')))).isEqualTo(401);
    }

    @Test
    void expiredAndExpLessTokensAreRefused() throws Exception {
        JWTClaimsSet expired = claims().expirationTime(Date.from(Instant.now().minusSeconds(120))).build();
        JWTClaimsSet noExp = claims().expirationTime(null).build();

        assertThat(status(hs256(expired, TestSecrets.JWT_SECRET_KEY))).isEqualTo(401);
        assertThat(status(hs256(noExp, TestSecrets.JWT_SECRET_KEY))).isEqualTo(401);
    }

    @Test
    void wrongIssuerAudienceOrMissingTenantAreRefused() throws Exception {
        for (UnaryOperator<JWTClaimsSet.Builder> change : List.<UnaryOperator<JWTClaimsSet.Builder>>of(
                c -> c.issuer("someone-else"),
                c -> c.audience("another-api"),
                c -> c.audience((String) null),
                c -> c.claim("tenant_id", null),
                c -> c.claim("tenant_id", "not-a-uuid"),
                c -> c.claim("permissions", "admin"))) {
            assertThat(status(hs256(change.apply(claims()).build(), TestSecrets.JWT_SECRET_KEY))).isEqualTo(401);
        }
    }

    @Test
    void tokensOfARevokedKeyStopWorking() {
        Http admin = new Http(port, tenant.apiKey());
        var created = Json.parse(admin.post("/api-keys", "{\"name\":\"short\",\"permissions\":[\"read\"]}").body());
        String token = Json.parse(new Http(port, created.path("key").asString()).post("/auth/token", "").body())
                .path("accessToken").asString();
        assertThat(statusOf(token, "/sync/runs")).isNotEqualTo(401);

        admin.send("DELETE", "/api-keys/" + created.path("id").asString(), HttpRequest.BodyPublishers.noBody());

        assertThat(statusOf(token, "/sync/runs")).isEqualTo(401);
    }

    @Test
    void tokenPermissionsAreEnforced() throws Exception {
        String readOnly = hs256(claims().claim("permissions", List.of("read")).build(), TestSecrets.JWT_SECRET_KEY);

        assertThat(status(readOnly)).isEqualTo(403);
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject("integration")
                .issuer("msp-analytics")
                .audience("msp-analytics-api")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("tenant_id", tenant.tenant().toString())
                .claim("permissions", List.of("read", "admin"));
    }

    private static String hs256(JWTClaimsSet claims, String key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private int status(String token) {
        return statusOf(token, "/api-keys");
    }

    private int statusOf(String token, String path) {
        return new Http(port).get(path, "Authorization", "Bearer " + token).statusCode();
    }
}
