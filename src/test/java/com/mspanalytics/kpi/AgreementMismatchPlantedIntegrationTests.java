package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.world.PlantedFact;
import com.mspanalytics.support.Http;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.KpiWorldTest;
import com.mspanalytics.support.SyncedWorld;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * KPI 05 on the synced simulated world, with the coverage rules the world applies (docs/simulator.md, "Coverage
 * rules"): the planted client is found with the ledger's numbers, and every other time entry is in scope.
 */
@KpiWorldTest
class AgreementMismatchPlantedIntegrationTests {

    static final String WORLD_COVERAGE = """
            {"coverageRules":{
              "Managed Services":{"boards":["Service Desk","Network"],"workTypes":["Remote","Onsite"]},
              "Block Hours":{"boards":["Service Desk","Network"],"workTypes":["Remote","Onsite","After Hours"]},
              "Time & Materials":{"boards":["Service Desk","Network","SOC","Projects"],
                                  "workTypes":["Remote","Onsite","After Hours","Project Work"]},
              "Managed SOC":{"boards":["SOC"]}}}""";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void findsThePlantedClientWithItsNumbersAndNothingElse() {
        SyncedWorld world = SyncedWorld.get(context);
        List<PlantedFact> facts = world.ledger().factsFor("agreement-mismatch").stream()
                .filter(f -> !f.kind().equals("consequence")).toList();
        Http http = new Http(port, world.tenant().apiKey());
        String before = http.get("/settings").body();
        JsonNode result;
        try {
            put(http, WORLD_COVERAGE);
            result = Json.parse(http.post("/compute/kpi/agreement-mismatch",
                    "{\"asOf\":\"" + SyncedWorld.END_DATE + "\"}").body());
        } finally {
            put(http, before);
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

    private static void put(Http http, String settings) {
        var response = http.send("PUT", "/settings", HttpRequest.BodyPublishers.ofString(settings),
                "Content-Type", "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
