package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.world.PlantedFact;
import com.mspanalytics.support.KpiPlantedTest;
import com.mspanalytics.support.KpiWorldTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * KPI 11 on the synced simulated world: Northwind's planted spike and the ledger's consequence facts are
 * the anomalies, with the ledger's numbers, and nothing else is flagged.
 */
@KpiWorldTest
class TicketTrendsPlantedIntegrationTests extends KpiPlantedTest {

    @Test
    void findsTheSpikeAndItsConsequencesWithTheLedgersNumbersAndNothingElse() {
        List<PlantedFact> facts = world.ledger().factsFor("ticket-trends");

        JsonNode result = computePlanted("ticket-trends");
        JsonNode rows = result.path("rows");

        assertThat(facts).anyMatch(f -> f.kind().equals("ticket-spike"));
        for (PlantedFact fact : facts) {
            assertThat(result.path("summary").path("periodStart").asString()).isEqualTo(fact.from().toString());
            assertThat(result.path("summary").path("periodEnd").asString()).isEqualTo(fact.to().toString());
            String dimension = dimension(fact);
            String key = key(fact);
            JsonNode row = rows.valueStream()
                    .filter(r -> r.path("dimension").asString().equals(dimension) && r.path("key").asString().equals(key))
                    .findFirst().orElseThrow(() -> new AssertionError("not found: " + fact + " in " + rows));
            Map<String, Double> expected = fact.expected();
            assertThat(row.path("count").asDouble()).as(key).isEqualTo(expected.get("count"));
            assertThat(row.path("baselineMean").asDouble()).as(key).isEqualTo(expected.get("baselineMean"));
            assertThat(row.path("baselineStddev").asDouble()).as(key).isEqualTo(expected.get("baselineStddev"));
            if (expected.get("z").isNaN()) {
                assertThat(row.path("z").isNull()).as(key).isTrue();
            } else {
                assertThat(row.path("z").asDouble()).as(key).isEqualTo(expected.get("z"));
            }
            if (fact.kind().equals("ticket-spike")) {
                assertThat(row.path("direction").asString()).isEqualTo("spike");
                assertThat(row.path("exampleTicketIds").size()).isEqualTo(5);
                assertThat(row.path("series").size()).isEqualTo(13);
            }
        }
        Set<String> flagged = rows.valueStream().map(r -> r.path("dimension").asString() + ":" + r.path("key").asString())
                .collect(Collectors.toSet());
        Set<String> planted = facts.stream().map(f -> dimension(f) + ":" + key(f)).collect(Collectors.toSet());
        assertThat(flagged).as(rows.toString()).isEqualTo(planted);
    }

    private static String dimension(PlantedFact fact) {
        return switch (fact.keys().getOrDefault("dimension", "client")) {
            case "client-domain" -> "client×domain";
            default -> fact.keys().getOrDefault("dimension", "client");
        };
    }

    private static String key(PlantedFact fact) {
        return switch (dimension(fact)) {
            case "client" -> fact.keys().get("client");
            case "domain" -> fact.keys().get("domain");
            default -> fact.keys().get("client") + "|" + fact.keys().get("domain");
        };
    }
}
