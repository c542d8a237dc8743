package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.world.PlantedFact;
import com.mspanalytics.support.KpiPlantedTest;
import com.mspanalytics.support.KpiWorldTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** KPI 03 on the synced simulated world: jsmith is slow on Network with the ledger's numbers, and nothing else is flagged. */
@KpiWorldTest
class TechTrainingNeedsPlantedIntegrationTests extends KpiPlantedTest {

    @Test
    void flagsExactlyThePlantedSlowTechInDomain() {
        List<PlantedFact> facts = world.ledger().factsFor("tech-training-needs");

        JsonNode result = computePlanted("tech-training-needs");

        assertThat(facts).isNotEmpty();
        List<JsonNode> flagged = result.path("rows").valueStream().filter(r -> r.path("flagged").asBoolean()).toList();
        assertThat(flagged).as(flagged.toString()).hasSize(facts.size());
        for (PlantedFact fact : facts) {
            JsonNode row = flagged.stream()
                    .filter(r -> r.path("tech").asString().equals(fact.keys().get("tech"))
                            && r.path("domain").asString().equals(fact.keys().get("domain")))
                    .findFirst().orElseThrow(() -> new AssertionError("not flagged: " + fact + " in " + flagged));
            assertThat(row.path("n").asDouble()).isEqualTo(fact.expected().get("n"));
            assertThat(row.path("techMedianHours").asDouble()).isEqualTo(fact.expected().get("techMedianHours"));
            assertThat(row.path("teamMedianHours").asDouble()).isEqualTo(fact.expected().get("teamMedianHours"));
            assertThat(row.path("ratio").asDouble()).isEqualTo(fact.expected().get("ratio"));
            assertThat(row.path("excessHours").asDouble()).isEqualTo(fact.expected().get("excessHours"));
            assertThat(row.path("reasons").toString()).isEqualTo("[\"slow\"]");
        }
        assertThat(result.path("rows").get(0).path("tech").asString()).isEqualTo(facts.get(0).keys().get("tech"));
    }
}
