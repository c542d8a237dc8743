package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.world.PlantedFact;
import com.mspanalytics.support.KpiPlantedTest;
import com.mspanalytics.support.KpiWorldTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * KPI 03 on the synced simulated world: jsmith is slow on Network with the ledger's numbers, and nothing else is
 * flagged; tnguyen's reopen rate (from the synced status history) is the ledger's.
 */
@KpiWorldTest
class TechTrainingNeedsPlantedIntegrationTests extends KpiPlantedTest {

    @Test
    void flagsExactlyThePlantedSlowTechInDomain() {
        List<PlantedFact> facts = world.ledger().factsFor("tech-training-needs").stream()
                .filter(f -> !f.kind().equals("reopen-rate")).toList();

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

    @Test
    void reportsThePlantedReopenRateFromTheSyncedStatusHistory() {
        PlantedFact fact = world.ledger().factsFor("tech-training-needs").stream()
                .filter(f -> f.kind().equals("reopen-rate")).findFirst().orElseThrow();

        JsonNode result = computePlanted("tech-training-needs");

        JsonNode row = result.path("rows").valueStream()
                .filter(r -> r.path("tech").asString().equals(fact.keys().get("tech"))
                        && r.path("domain").asString().equals(fact.keys().get("domain")))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + fact));
        assertThat(row.path("n").asDouble()).isEqualTo(fact.expected().get("n"));
        assertThat(row.path("reopenSample").asDouble()).as("every closed ticket of the window has its history")
                .isEqualTo(fact.expected().get("n"));
        assertThat(row.path("reopened").asDouble()).isEqualTo(fact.expected().get("reopened"));
        assertThat(row.path("reopenRate").asDouble()).isEqualTo(fact.expected().get("reopenRate"));
        assertThat(row.path("teamReopenSample").asDouble()).isEqualTo(fact.expected().get("teamN"));
        assertThat(row.path("teamReopenRate").asDouble()).isEqualTo(fact.expected().get("teamReopenRate"));
        assertThat(row.path("flagged").asBoolean()).as("kpis.md flags slowness and CSAT, not reopens").isFalse();
        assertThat(result.path("summary").path("reopenRate").asString()).startsWith("share of the closed tickets");
    }
}
