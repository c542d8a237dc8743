package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.world.PlantedFact;
import com.mspanalytics.support.KpiPlantedTest;
import com.mspanalytics.support.KpiWorldTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** KPI 01 on the synced simulated world: the planted opportunity is found exactly, and nothing else. */
@KpiWorldTest
class SalesOpportunitiesPlantedIntegrationTests extends KpiPlantedTest {

    @Test
    void findsThePlantedOpportunityWithItsNumbersAndNothingElse() {
        List<PlantedFact> facts = world.ledger().factsFor("sales-opportunities");

        JsonNode result = computePlanted("sales-opportunities");

        assertThat(facts).isNotEmpty();
        assertThat(result.path("rows").size()).as(result.path("rows").toString()).isEqualTo(facts.size());
        for (PlantedFact fact : facts) {
            JsonNode row = result.path("rows").valueStream()
                    .filter(r -> r.path("clientIdentifier").asString().equals(fact.keys().get("client"))
                            && r.path("category").asString().equals(fact.keys().get("category")))
                    .findFirst().orElseThrow(() -> new AssertionError("not found: " + fact));
            assertThat(row.path("ticketCount").asDouble()).isEqualTo(fact.expected().get("ticketCount"));
            assertThat(row.path("hours").asDouble()).isEqualTo(fact.expected().get("hours"));
            assertThat(row.path("costToMsp").asDouble()).isEqualTo(fact.expected().get("costToMsp"));
        }
    }
}
