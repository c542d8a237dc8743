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

/** KPI 07 on the synced simulated world: rbrown's first-contact resolution and the team's, exactly as the ledger has them. */
@KpiWorldTest
class TechEfficiencyPlantedIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void findsThePlantedFirstContactStarWithTheLedgersNumbers() {
        SyncedWorld world = SyncedWorld.get(context);
        List<PlantedFact> facts = world.ledger().factsFor("tech-efficiency");
        Http http = new Http(port, world.tenant().apiKey());

        JsonNode result = Json.parse(http.post("/compute/kpi/tech-efficiency",
                "{\"asOf\":\"" + SyncedWorld.END_DATE + "\"}").body());

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
