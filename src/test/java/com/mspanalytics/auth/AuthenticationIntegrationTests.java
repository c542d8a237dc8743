package com.mspanalytics.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.admin.TenantSeeder.SeededTenant;
import com.mspanalytics.support.Http;
import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.TestDatabase;
import com.mspanalytics.support.TestTenants;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class AuthenticationIntegrationTests {

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
    void healthNeedsNoCredentialButEverythingElseDoes() {
        assertThat(new Http(port).get("/health").statusCode()).isEqualTo(200);

        HttpResponse<String> response = new Http(port).get("/api-keys");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("Bearer"));
        assertThat(Json.parse(response.body()).path("type").asString()).isEqualTo("urn:msp-analytics:problem:unauthenticated");
    }

    @Test
    void aValidKeyIsAccepted() {
        assertThat(new Http(port, tenant.apiKey()).get("/api-keys").statusCode()).isEqualTo(200);
    }

    @Test
    void malformedMistypedAndUnknownKeysAreRefused() {
        String key = tenant.apiKey();
        String mistyped = key.substring(0, 20) + (key.charAt(20) == 'a' ? 'b' : 'a') + key.substring(21);
        String unknownButWellFormed = ApiKeyFormat.generate();

        for (String bad : List.of("msp_ak_short", mistyped, unknownButWellFormed, key + "x", "")) {
            assertThat(new Http(port, bad).get("/api-keys").statusCode()).as(bad).isEqualTo(401);
        }
        assertThat(ApiKeyFormat.isWellFormed(mistyped)).isFalse();
        assertThat(ApiKeyFormat.isWellFormed(unknownButWellFormed)).isTrue();
    }

    @Test
    void aMissingPermissionIs403NamingIt() {
        String readOnly = TestTenants.keyWith(context, tenant, Permission.READ);

        HttpResponse<String> response = new Http(port, readOnly).post("/sync/tickets", "");

        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode problem = Json.parse(response.body());
        assertThat(problem.path("requiredPermission").asString()).isEqualTo("sync");
        assertThat(new Http(port, readOnly).get("/api-keys").statusCode()).isEqualTo(403);
    }

    /** The permission table must read the path MVC routes on, not the raw one. */
    @Test
    void percentEncodedPathsNeedTheSamePermission() {
        String readOnly = TestTenants.keyWith(context, tenant, Permission.READ);
        Http http = new Http(port, readOnly);

        assertThat(http.get("/%73ettings").statusCode()).isEqualTo(403);
        assertThat(http.get("/%61pi-keys").statusCode()).isEqualTo(403);
        assertThat(http.get("/settings/%63onnectors/slack").statusCode()).isEqualTo(403);
        assertThat(http.post("/%73ync/tickets", "").statusCode()).isEqualTo(403);
        assertThat(http.post("/%63ompute/kpi/x", "").statusCode()).isEqualTo(403);
    }

    @Test
    void createdKeyIsShownOnceAndStoredOnlyAsAnHmac() {
        Http admin = new Http(port, tenant.apiKey());

        HttpResponse<String> created = admin.post("/api-keys", "{\"name\":\"n8n\",\"permissions\":[\"sync\",\"read\"]}");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = Json.parse(created.body());
        String key = body.path("key").asString();
        assertThat(ApiKeyFormat.isWellFormed(key)).isTrue();
        assertThat(new Http(port, key).get("/sync/runs").statusCode()).isNotIn(401, 403);
        String listing = admin.get("/api-keys").body();
        assertThat(listing).contains("n8n").doesNotContain(key);
        List<String> stored = JdbcClient.create(TestDatabase.ownerDataSource())
                .sql("SELECT encode(key_hash, 'hex') || display_prefix || name FROM api_keys").query(String.class).list();
        assertThat(String.join("\n", stored)).doesNotContain(key).doesNotContain(HexFormat.of().formatHex(key.getBytes()));
    }

    @Test
    void invalidKeyRequestsNameTheField() {
        Http admin = new Http(port, tenant.apiKey());

        JsonNode noPermissions = Json.parse(admin.post("/api-keys", "{\"name\":\"x\",\"permissions\":[]}").body());
        JsonNode badPermission = Json.parse(admin.post("/api-keys", "{\"name\":\"x\",\"permissions\":[\"root\"]}").body());

        assertThat(noPermissions.path("errors").get(0).path("field").asString()).isEqualTo("permissions");
        assertThat(badPermission.path("status").asInt()).isEqualTo(400);
        assertThat(badPermission.path("errors").get(0).path("field").asString()).startsWith("permissions");
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        Http admin = new Http(port, tenant.apiKey());
        JsonNode created = Json.parse(admin.post("/api-keys", "{\"name\":\"temp\",\"permissions\":[\"read\"]}").body());

        HttpResponse<String> revoked = admin.send("DELETE", "/api-keys/" + created.path("id").asString(),
                HttpRequest.BodyPublishers.noBody());

        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(new Http(port, created.path("key").asString()).get("/sync/runs").statusCode()).isEqualTo(401);
    }

    @Test
    void anotherTenantsKeyIdLooksExactlyLikeAMissingOne() {
        SeededTenant other = TestTenants.create(context);
        Http otherAdmin = new Http(port, other.apiKey());
        String othersKeyId = Json.parse(otherAdmin.post("/api-keys", "{\"name\":\"mine\",\"permissions\":[\"read\"]}")
                .body()).path("id").asString();
        Http admin = new Http(port, tenant.apiKey());

        HttpResponse<String> foreign = admin.send("DELETE", "/api-keys/" + othersKeyId, HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> missing = admin.send("DELETE", "/api-keys/" + java.util.UUID.randomUUID(),
                HttpRequest.BodyPublishers.noBody());

        assertThat(foreign.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
        assertThat(Json.parse(foreign.body()).path("title").asString())
                .isEqualTo(Json.parse(missing.body()).path("title").asString());
        assertThat(otherAdmin.get("/api-keys").body()).contains("mine");
        assertThat(admin.get("/api-keys").body()).doesNotContain("mine");
    }

    @Test
    void aTenantIdInTheBodyCannotSwitchTenant() {
        SeededTenant other = TestTenants.create(context);
        Http admin = new Http(port, tenant.apiKey());

        HttpResponse<String> response = admin.post("/api-keys",
                "{\"name\":\"sneaky\",\"permissions\":[\"read\"],\"tenantId\":\"" + other.tenant() + "\"}");
        HttpResponse<String> query = admin.get("/api-keys?tenantId=" + other.tenant());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).path("errors").get(0).path("field").asString()).isEqualTo("tenantId");
        assertThat(query.body()).doesNotContain(other.tenant().toString());
        assertThat(new Http(port, other.apiKey()).get("/api-keys").body()).doesNotContain("sneaky");
    }
}
