package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.Http;
import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document the app serves names each KPI's result schema and what the KPI endpoints answer. */
@IntegrationTest
class KpiResultSchemasIntegrationTests {

    static final List<String> KPIS = List.of("agreement-mismatch", "client-training-needs", "improvement-projects",
            "project-impact", "sales-opportunities", "soc-metrics", "tech-comparison", "tech-efficiency",
            "tech-profile", "tech-training-needs", "ticket-trends", "time-consumption");

    @LocalServerPort
    int port;

    @Autowired
    KpiService kpis;

    @Test
    void everyKpiHasANamedResultSchema() {
        assertThat(kpis.slugs()).containsExactlyElementsOf(KPIS);
        JsonNode schemas = document().path("components").path("schemas");
        for (String kpi : KPIS) {
            JsonNode result = schemas.path(KpiResultSchemas.schemaName(kpi));
            assertThat(result.path("allOf").get(0).path("$ref").asString()).as(kpi)
                    .isEqualTo("#/components/schemas/KpiResult");
            assertThat(result.path("allOf").get(1).path("properties").path("kpi").path("enum").get(0).asString())
                    .isEqualTo(kpi);
        }
        assertThat(KpiResultSchemas.schemaName("time-consumption")).isEqualTo("TimeConsumptionResult");
    }

    @Test
    void aTypedResultSchemaDescribesTheKpisOwnFields() {
        JsonNode schemas = document().path("components").path("schemas");
        JsonNode own = schemas.path("TimeConsumptionResult").path("allOf").get(1).path("properties");
        assertThat(own.path("summary").path("$ref").asString()).isEqualTo("#/components/schemas/TimeConsumptionSummary");
        assertThat(schemas.path("TimeConsumptionSummary").path("properties").has("totalHours")).isTrue();
        assertThat(own.path("rows").path("items").path("$ref").asString())
                .isEqualTo("#/components/schemas/TimeConsumptionTrend");
        assertThat(schemas.path("SocMetricsSummary").path("properties").path("slaBreaches").path("items")
                .path("$ref").asString()).isEqualTo("#/components/schemas/SlaBreach");
        assertThat(schemas.has("TimeConsumptionBody")).as("the body is folded into the result").isFalse();
    }

    @Test
    void kpiEndpointsAnswerOneOfTheResultsToldApartByKpi() {
        JsonNode paths = document().path("paths");
        JsonNode latest = paths.path("/kpi/{slug}/latest").path("get").path("responses").path("200").path("content")
                .path("application/json").path("schema");
        assertThat(latest.path("oneOf").size()).isEqualTo(KPIS.size());
        assertThat(latest.path("discriminator").path("propertyName").asString()).isEqualTo("kpi");
        assertThat(latest.path("discriminator").path("mapping").path("soc-metrics").asString())
                .isEqualTo("#/components/schemas/SocMetricsResult");
        JsonNode results = paths.path("/kpi/{slug}/results").path("get").path("responses").path("200").path("content")
                .path("application/json").path("schema");
        assertThat(results.path("items").path("oneOf").size()).isEqualTo(KPIS.size());
    }

    private JsonNode document() {
        return Json.parse(new Http(port).get("/v3/api-docs").body());
    }
}
