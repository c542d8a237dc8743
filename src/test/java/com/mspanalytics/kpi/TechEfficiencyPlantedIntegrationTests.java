package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.world.PlantedFact;
import com.mspanalytics.support.KpiPlantedTest;
import com.mspanalytics.support.KpiWorldTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** KPI 07 on the synced simulated world: rbrown's first-contact resolution and the team's, exactly as the ledger has them. */
@KpiWorldTest
class TechEfficiencyPlantedIntegrationTests extends KpiPlantedTest {

    @Test
    void findsThePlantedFirstContactStarWithTheLedgersNumbers() {
        List<PlantedFact> facts = world.ledger().factsFor("tech-efficiency");

        JsonNode result = computePlanted("tech-efficiency");

        assertThat(facts).isNotEmpty();
        for (PlantedFact fact : facts) {
            JsonNode row = result.path("rows").valueStream()
                    .filter(r -> r.path("tech").asString().equals(fact.keys().get("tech")))
                    .findFirst().orElseThrow(() -> new AssertionError("not found: " + fact));
            assertThat(row.path("closed").asDouble()).isEqualTo(fact.expected().get("closed"));
            assertThat(row.path("fcrRate").asDouble()).isEqualTo(fact.expected().get("fcrRate"));
            assertThat(result.path("summary").path("team").path("fcrRate").asDouble())
                    .isEqualTo(fact.expected().get("teamFcrRate"));
            // the planted star is the one: no other tech with a sample reaches its first-contact resolution
            assertThat(result.path("rows").valueStream()
                    .filter(r -> r.path("ranked").asBoolean() && !r.path("tech").asString().equals(fact.keys().get("tech")))
                    .mapToDouble(r -> r.path("fcrRate").asDouble()))
                    .allMatch(rate -> rate < fact.expected().get("fcrRate"));
        }
    }
}
