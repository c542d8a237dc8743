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
 * KPI 04 on the synced simulated world: Globex's planted hours spike (and Northwind's, a consequence of its
 * ticket spike) are rising client trends with the ledger's numbers; no other client trend is flagged, and
 * client×domain flags only fall on those clients.
 */
@KpiWorldTest
class TimeConsumptionPlantedIntegrationTests extends KpiPlantedTest {

    @Test
    void findsThePlantedHourTrendsWithTheLedgersNumbersAndNoOtherClientTrend() {
        List<PlantedFact> facts = world.ledger().factsFor("time-consumption");

        JsonNode result = computePlanted("time-consumption");
        JsonNode rows = result.path("rows");

        assertThat(facts).anyMatch(f -> f.kind().equals("hours-spike"));
        for (PlantedFact fact : facts) {
            assertThat(result.path("summary").path("periodStart").asString()).isEqualTo(fact.from().toString());
            assertThat(result.path("summary").path("periodEnd").asString()).isEqualTo(fact.to().toString());
            String client = fact.keys().get("client");
            JsonNode row = rows.valueStream()
                    .filter(r -> r.path("dimension").asString().equals("client") && r.path("key").asString().equals(client))
                    .findFirst().orElseThrow(() -> new AssertionError("not found: " + fact));
            Map<String, Double> expected = fact.expected();
            assertThat(row.path("trend").asString()).as(client).isEqualTo("rising");
            assertThat(row.path("currentHours").asDouble()).as(client).isEqualTo(expected.get("currentHours"));
            assertThat(row.path("baselineMean").asDouble()).as(client).isEqualTo(expected.get("baselineMean"));
            assertThat(row.path("baselineStddev").asDouble()).as(client).isEqualTo(expected.get("baselineStddev"));
            assertThat(row.path("z").asDouble()).as(client).isEqualTo(expected.get("z"));
            assertThat(row.path("changePct").asDouble()).as(client).isEqualTo(expected.get("changePct"));
        }
        Set<String> flaggedClients = rows.valueStream()
                .filter(r -> r.path("dimension").asString().equals("client") && !r.path("trend").isNull())
                .map(r -> r.path("key").asString()).collect(Collectors.toSet());
        Set<String> planted = facts.stream().map(f -> f.keys().get("client")).collect(Collectors.toSet());
        assertThat(flaggedClients).as(result.path("summary").path("flaggedTrends").toString()).isEqualTo(planted);
        // a flagged client×domain trend is part of a planted client's rise, never a clean client's
        assertThat(rows.valueStream().filter(r -> r.path("dimension").asString().equals("client×domain")
                && !r.path("trend").isNull()).map(r -> r.path("client").asString()))
                .as(result.path("summary").path("flaggedTrends").toString()).allMatch(planted::contains);
    }
}
