package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.world.PlantedFact;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.KpiPlantedTest;
import com.mspanalytics.support.KpiWorldTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * KPI 12 on the synced simulated world: the planted critical breach is found with the ledger's minutes, and
 * the clean events (inside every SLA, under 5 a week per client) raise no other flag.
 */
@KpiWorldTest
class SocMetricsPlantedIntegrationTests extends KpiPlantedTest {

    @Test
    void findsThePlantedBreachWithItsNumbersAndNothingElse() {
        List<PlantedFact> facts = world.ledger().factsFor("soc-metrics");
        List<PlantedFact> planted = facts.stream().filter(f -> !f.kind().equals("consequence")).toList();

        JsonNode result = computePlanted("soc-metrics");
        JsonNode summary = result.path("summary");

        assertThat(planted).isNotEmpty();
        assertThat(summary.path("events").asInt()).isPositive();
        JsonNode breaches = summary.path("slaBreaches");
        assertThat(breaches.size()).as(breaches.toString()).isEqualTo(planted.size());
        for (PlantedFact fact : planted) {
            assertThat(result.path("window").path("from").asString()).isEqualTo(fact.from().toString());
            JsonNode breach = breaches.valueStream()
                    .filter(b -> b.path("eventId").asString().equals(fact.keys().get("eventId")))
                    .findFirst().orElseThrow(() -> new AssertionError("not found: " + fact));
            assertThat(breach.path("source").asString()).isEqualTo(fact.keys().get("source"));
            assertThat(breach.path("severity").asString()).isEqualTo(fact.keys().get("severity"));
            assertThat(breach.path("clientIdentifier").asString()).isEqualTo(fact.keys().get("client"));
            assertThat(breach.path("ackMinutes").asDouble()).isEqualTo(fact.expected().get("ackMinutes"));
            assertThat(breach.path("resolveMinutes").asDouble()).isEqualTo(fact.expected().get("resolveMinutes"));
            assertThat(breach.path("resolveTargetMinutes").asDouble()).isEqualTo(fact.expected().get("resolveTargetMinutes"));
            assertThat(breach.path("resolveBreached").asBoolean()).isTrue();
            assertThat(breach.path("ackBreached").asBoolean()).isFalse();
        }
        summary.path("slaCompliance").properties().forEach(e -> assertThat(e.getValue().path("breaches").asInt())
                .as(e.getKey() + " " + e.getValue()).isEqualTo(e.getKey().equals("critical") ? planted.size() : 0));
        assertThat(summary.path("volumeAnomalies").size()).as(summary.path("volumeAnomalies").toString()).isZero();

        List<String> stored = Json.parse(http.get("/anomalies?limit=1000").body()).valueStream()
                .filter(a -> a.path("kpi").asString().equals("soc-metrics"))
                .map(a -> a.path("dimension").asString() + " " + a.path("key").asString()).toList();
        List<String> allowed = facts.stream().map(f -> "sla-breach " + f.keys().get("source") + ":" + f.keys().get("eventId"))
                .toList();
        assertThat(stored).isNotEmpty();
        assertThat(allowed).containsAll(stored);
    }
}
