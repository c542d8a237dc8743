package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.world.PlantedFact;
import com.mspanalytics.support.KpiPlantedTest;
import com.mspanalytics.support.KpiWorldTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** KPI 08 on the synced simulated world: dpatel is the Security specialist, with the ledger's numbers, and the most specialised tech. */
@KpiWorldTest
class TechProfilePlantedIntegrationTests extends KpiPlantedTest {

    @Test
    void findsThePlantedSpecialistWithTheLedgersNumbers() {
        List<PlantedFact> facts = world.ledger().factsFor("tech-profile");

        JsonNode result = computePlanted("tech-profile");

        assertThat(facts).isNotEmpty();
        for (PlantedFact fact : facts) {
            JsonNode row = result.path("rows").valueStream()
                    .filter(r -> r.path("tech").asString().equals(fact.keys().get("tech")))
                    .findFirst().orElseThrow(() -> new AssertionError("not found: " + fact));
            assertThat(row.path("primaryDomain").asString()).isEqualTo(fact.keys().get("primaryDomain"));
            assertThat(row.path("hours").asDouble()).isEqualTo(fact.expected().get("hours"));
            assertThat(row.path("primaryShare").asDouble()).isEqualTo(fact.expected().get("primaryShare"));
            assertThat(row.path("specialisation").asDouble()).isEqualTo(fact.expected().get("specialisation"));
            assertThat(result.path("rows").get(0).path("tech").asString()).as("most specialised").isEqualTo(fact.keys().get("tech"));
        }
    }
}
