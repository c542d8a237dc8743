package com.mspanalytics.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.Http;
import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class HealthIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void reportsUpWithVersionAndDatabaseWithoutCredentials() {
        HttpResponse<String> response = new Http(port).get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Json.parse(response.body());
        assertThat(body.path("status").asString()).isEqualTo("UP");
        assertThat(body.path("version").asString()).isNotBlank();
        assertThat(body.path("checks").path("database").asString()).isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetrics() {
        HttpResponse<String> response = new Http(port).get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }

    @Test
    void servesTheOpenApiDocumentAndItsUi() {
        Http http = new Http(port);
        JsonNode api = Json.parse(http.get("/v3/api-docs").body());

        assertThat(api.path("info").path("title").asString()).isEqualTo("MSP Analytics API");
        assertThat(api.path("paths").has("/health")).isTrue();
        assertThat(http.get("/docs").statusCode()).isIn(200, 302);
        assertThat(http.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }
}
