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

    /** Complete: both credentials, every endpoint of docs/api.md, and the problem responses of each. */
    @Test
    void theOpenApiDocumentIsComplete() {
        JsonNode api = Json.parse(new Http(port).get("/v3/api-docs").body());

        assertThat(api.path("components").path("securitySchemes").propertyNames()).contains("apiKey", "bearer");
        assertThat(api.path("paths").propertyNames()).contains("/health", "/api-keys", "/api-keys/{id}", "/auth/token",
                "/settings", "/settings/connectors/{name}", "/sync/{entity}", "/sync/runs", "/sync/runs/{runId}",
                "/compute/kpi/{slug}", "/compute/kpi/all", "/kpi/{slug}/latest", "/kpi/{slug}/results", "/anomalies",
                "/notifications", "/digest/preview", "/digest/send", "/llm/summarize");
        api.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            JsonNode responses = operation.getValue().path("responses");
            if (!path.getKey().equals("/health")) {
                assertThat(responses.has("401")).as(operation.getKey() + " " + path.getKey()).isTrue();
                assertThat(responses.path("400").path("content").has("application/problem+json"))
                        .as("400 of " + operation.getKey() + " " + path.getKey() + ": " + responses.path("400")).isTrue();
            }
        }));
        assertThat(api.path("paths").path("/health").path("get").path("security").size()).isZero();
    }
}
