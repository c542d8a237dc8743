package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.world.PlantedFact;
import com.mspanalytics.support.Http;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.KpiWorldTest;
import com.mspanalytics.support.SyncedWorld;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** KPI 08 on the synced simulated world: dpatel is the Security specialist, with the ledger's numbers, and the most specialised tech. */
@KpiWorldTest
class TechProfilePlantedIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void findsThePlantedSpecialistWithTheLedgersNumbers() {
        SyncedWorld world = SyncedWorld.get(context);
        List<PlantedFact> facts = world.ledger().factsFor("tech-profile");
        Http http = new Http(port, world.tenant().apiKey());

        JsonNode result = Json.parse(http.post("/compute/kpi/tech-profile",
                "{\"asOf\":\"" + SyncedWorld.END_DATE + "\"}").body());

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
