package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.Json;
import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.KpiIntegrationTest;
import com.mspanalytics.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Anomalies stored before their details had one shape (each KPI's own field names) read back, once V16 has rewritten
 * them, as the records the alerts read: the same numbers under the common names.
 */
@IntegrationTest
class AnomalyDetailsMigrationIntegrationTests extends KpiIntegrationTest {

    @Test
    void eachKpisOldDetailsBecomeTheCommonShape() throws Exception {
        var owner = JdbcClient.create(TestDatabase.ownerDataSource());
        var transaction = new TransactionTemplate(new DataSourceTransactionManager(TestDatabase.ownerDataSource()));
        String migration = new ClassPathResource("db/migration/V16__anomaly_details_one_shape.sql")
                .getContentAsString(StandardCharsets.UTF_8);
        transaction.executeWithoutResult(status -> {
            owner.sql("SELECT set_config('app.tenant_id', ?, true)").param(tenant.tenant().value().toString())
                    .query(String.class).single();
            insert(owner, "ticket-trends", "client", "ACME", """
                    {"count": 9, "baselineMean": 2.75, "baselineStddev": 0.8292, "z": 7.5378, "poissonTail": null,
                     "direction": "spike", "exampleTicketIds": [41, 40]}""");
            insert(owner, "time-consumption", "client", "BETA", """
                    {"dimension": "client", "key": "BETA", "client": "BETA", "clientName": "Beta Law",
                     "currentHours": 80.5, "baselineMean": 20.125, "baselineStddev": 5.0, "z": 12.075,
                     "changePct": 300.0, "slope": 4.2, "trend": "rising"}""");
            insert(owner, "soc-metrics", "client-volume", "NWIND", """
                    {"clientKey": "NWIND", "client": "Northwind", "period": "2026-W47", "count": 6,
                     "baselineMean": 1.0, "stddev": 0.0, "z": null, "poissonP": 0.0006, "direction": "spike"}""");
            insert(owner, "soc-metrics", "sla-breach", "sentinelone:abc", """
                    {"source": "sentinelone", "eventId": "abc", "severity": "critical", "client": "Northwind",
                     "clientIdentifier": "NWIND", "createdAt": "2026-11-20T10:00:00Z", "ackMinutes": 45.0,
                     "resolveMinutes": null, "ageMinutes": 900.0, "ackTargetMinutes": 15,
                     "resolveTargetMinutes": 240, "ackBreached": true, "resolveBreached": true, "open": true}""");
            // a plain statement: the migration's jsonb "?" operator is no JDBC parameter
            new JdbcTemplate(TestDatabase.ownerDataSource()).execute(migration);
        });

        JsonNode anomalies = Json.parse(http.get("/anomalies?limit=10").body());

        JsonNode tickets = find(anomalies, "ACME").path("details");
        assertThat(tickets.path("kind").asString()).isEqualTo("series");
        assertThat(tickets.path("measure").asString()).isEqualTo("tickets");
        assertThat(tickets.path("current").asInt()).isEqualTo(9);
        assertThat(tickets.path("baselineStddev").asDouble()).isEqualTo(0.8292);
        assertThat(tickets.path("exampleTicketIds").valueStream().map(JsonNode::asLong)).containsExactly(41L, 40L);
        JsonNode hours = find(anomalies, "BETA").path("details");
        assertThat(hours.path("measure").asString()).isEqualTo("hours");
        assertThat(hours.path("current").asDouble()).isEqualTo(80.5);
        assertThat(hours.path("direction").asString()).isEqualTo("rising");
        assertThat(hours.path("clientName").asString()).isEqualTo("Beta Law");
        assertThat(hours.path("changePct").asDouble()).isEqualTo(300.0);
        JsonNode events = find(anomalies, "NWIND").path("details");
        assertThat(events.path("measure").asString()).isEqualTo("events");
        assertThat(events.path("baselineStddev").asDouble()).isZero();
        assertThat(events.path("poissonTail").asDouble()).isEqualTo(0.0006);
        assertThat(events.path("clientName").asString()).isEqualTo("Northwind");
        JsonNode breach = find(anomalies, "sentinelone:abc").path("details");
        assertThat(breach.path("kind").asString()).isEqualTo("sla-breach");
        assertThat(breach.path("ackMinutes").asDouble()).isEqualTo(45.0);
        assertThat(breach.path("ackTargetMinutes").asInt()).isEqualTo(15);
    }

    private void insert(JdbcClient owner, String kpi, String dimension, String key, String details) {
        owner.sql("""
                INSERT INTO anomalies (tenant_id, kpi, dimension, key, period, details, result_id)
                VALUES (?, ?, ?, ?, '2026-W47', CAST(? AS jsonb), ?)""")
                .params(tenant.tenant().value(), kpi, dimension, key, details, UUID.randomUUID()).update();
    }

    private static JsonNode find(JsonNode anomalies, String key) {
        return anomalies.valueStream().filter(a -> a.path("key").asString().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " not in " + anomalies));
    }
}
