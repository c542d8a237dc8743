package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.world.PlantedFact;
import com.mspanalytics.support.KpiPlantedTest;
import com.mspanalytics.support.KpiWorldTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * KPI 05 on the synced simulated world, with the coverage rules the world applies (docs/simulator.md, "Coverage
 * rules"): the planted client is found with the ledger's numbers, and every other time entry is in scope.
 */
@KpiWorldTest
class AgreementMismatchPlantedIntegrationTests extends KpiPlantedTest {

    static final String WORLD_COVERAGE = """
            {"coverageRules":{
              "Managed Services":{"boards":["Service Desk","Network"],"workTypes":["Remote","Onsite"]},
              "Block Hours":{"boards":["Service Desk","Network"],"workTypes":["Remote","Onsite","After Hours"]},
              "Time & Materials":{"boards":["Service Desk","Network","SOC","Projects"],
                                  "workTypes":["Remote","Onsite","After Hours","Project Work"]},
              "Managed SOC":{"boards":["SOC"]}}}""";

    @Test
    void findsThePlantedClientWithItsNumbersAndNothingElse() {
        List<PlantedFact> facts = world.ledger().factsFor("agreement-mismatch").stream()
                .filter(f -> !f.kind().equals("consequence")).toList();
        String before = http.get("/settings").body();
        JsonNode result;
        try {
            putSettings(WORLD_COVERAGE);
            result = computePlanted("agreement-mismatch");
        } finally {
            putSettings(before);
        }

        assertThat(facts).isNotEmpty();
        assertThat(result.path("rows").size()).as(result.path("rows").toString()).isEqualTo(facts.size());
        for (PlantedFact fact : facts) {
            assertThat(result.path("window").path("from").asString()).isEqualTo(fact.from().toString());
            JsonNode row = result.path("rows").valueStream()
                    .filter(r -> r.path("clientIdentifier").asString().equals(fact.keys().get("client")))
                    .findFirst().orElseThrow(() -> new AssertionError("not found: " + fact));
            assertThat(row.path("totalHours").asDouble()).isEqualTo(fact.expected().get("totalHours"));
            assertThat(row.path("outOfScopeHours").asDouble()).isEqualTo(fact.expected().get("outOfScopeHours"));
            assertThat(row.path("outOfScopeShare").asDouble()).isEqualTo(fact.expected().get("outOfScopeShare"));
            assertThat(row.path("entryCount").asDouble()).isEqualTo(fact.expected().get("entries"));
            assertThat(row.path("recoverable").asDouble()).isEqualTo(fact.expected().get("recoverable"));
            assertThat(row.path("topReasons").get(0).path("reason").asString()).isEqualTo("no-charge-not-covered");
        }
    }
}
