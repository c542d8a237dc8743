package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.world.PlantedFact;
import com.mspanalytics.support.KpiPlantedTest;
import com.mspanalytics.support.KpiWorldTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** KPI 09 on the synced simulated world: tnguyen ranks where the ledger puts him, with its numbers. */
@KpiWorldTest
class TechComparisonPlantedIntegrationTests extends KpiPlantedTest {

    @Test
    void ranksThePlantedLaggardLastWithTheLedgersNumbers() {
        List<PlantedFact> facts = world.ledger().factsFor("tech-comparison");

        JsonNode result = computePlanted("tech-comparison");

        assertThat(facts).isNotEmpty();
        int ranked = result.path("summary").path("ranked").asInt();
        for (PlantedFact fact : facts) {
            JsonNode row = result.path("rows").valueStream()
                    .filter(r -> r.path("tech").asString().equals(fact.keys().get("tech")))
                    .findFirst().orElseThrow(() -> new AssertionError("not found: " + fact));
            assertThat((double) ranked).isEqualTo(fact.expected().get("ranked"));
            assertThat((double) ranked - row.path("rank").asInt() + 1).isEqualTo(fact.expected().get("rankFromBottom"));
            assertThat(row.path("composite").asDouble()).isEqualTo(fact.expected().get("composite"));
            assertThat(row.path("normalisedResolution").asDouble()).isEqualTo(fact.expected().get("normalisedResolution"));
            assertThat(row.path("fcrRate").asDouble()).isEqualTo(fact.expected().get("fcrRate"));
            assertThat(row.path("csatScore").asDouble()).isEqualTo(fact.expected().get("csatScore"));
        }
        assertThat(result.path("rows").get(0).path("tech").asString()).isEqualTo(facts.get(0).keys().get("tech"));
    }
}
