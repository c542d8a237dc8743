package com.mspanalytics.simulator.sentinelone;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.Http;
import com.mspanalytics.simulator.Simulators;
import com.mspanalytics.simulator.TestSimulators;
import com.mspanalytics.simulator.world.SecurityEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentinelOneSimulatorTests {

    static final Simulators SIM = TestSimulators.SHARED;
    static final Map<String, String> SETTINGS = SIM.connectorSettings().get("sentinelone");
    static final String THREATS = SETTINGS.get("baseUrl") + "/web/api/v2.1/threats";

    static String[] auth() {
        return new String[] {"Authorization", "ApiToken " + SETTINGS.get("apiToken")};
    }

    @Test
    void refusesAWrongTokenWithTheErrorEnvelope() {
        var response = Http.get(THREATS, "Authorization", "ApiToken nope");
        assertThat(response.statusCode()).isEqualTo(401);
        var error = Http.json(response).get("errors").get(0);
        assertThat(error.get("code").asInt()).isEqualTo(4010010);
        assertThat(error.get("title").asText()).isEqualTo("Authentication Failed");
    }

    @Test
    void cursorPagingReachesTheLastThreat() {
        var want = SIM.live().view().securityEvents().stream().filter(e -> e.source() == SecurityEvent.Source.SENTINELONE)
                .map(SecurityEvent::id).sorted((a, b) -> new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b))).toList();
        var seen = new ArrayList<String>();
        String url = THREATS + "?limit=7";
        while (true) {
            var body = Http.json(Http.get(url, auth()));
            body.get("data").forEach(t -> seen.add(t.get("id").asText()));
            assertThat(body.get("pagination").get("totalItems").asInt()).isEqualTo(want.size());
            var next = body.get("pagination").get("nextCursor");
            if (next.isNull()) break;
            url = THREATS + "?limit=7&cursor=" + Http.encode(next.asText());
        }
        assertThat(seen).containsExactlyElementsOf(want);
        assertThat(Http.get(THREATS + "?limit=1001", auth()).statusCode()).isEqualTo(400);
    }

    @Test
    void updatedAtFilterFindsThePlantedCriticalThreatWithItsNineHourResolution() {
        var fact = SIM.ledger().factsFor("soc-metrics").get(0);
        Instant since = Instant.parse(fact.from() + "T00:00:00Z");
        var body = Http.json(Http.get(THREATS + "?limit=1000&sortBy=updatedAt&sortOrder=asc&updatedAt__gte=" + since, auth()));
        var threat = new ArrayList<tools.jackson.databind.JsonNode>();
        body.get("data").forEach(t -> {
            assertThat(Instant.parse(t.get("threatInfo").get("updatedAt").asText())).isAfterOrEqualTo(since);
            if (t.get("id").asText().equals(fact.keys().get("eventId"))) threat.add(t);
        });
        var info = threat.get(0).get("threatInfo");
        assertThat(info.get("classification").asText()).isEqualTo("Ransomware");
        assertThat(info.get("incidentStatus").asText()).isEqualTo("resolved");
        long minutes = (Instant.parse(info.get("updatedAt").asText()).getEpochSecond()
                - Instant.parse(info.get("createdAt").asText()).getEpochSecond()) / 60;
        assertThat(minutes).isEqualTo(540);
        assertThat(threat.get(0).get("agentRealtimeInfo").get("siteName").asText()).isEqualTo("Wayne Financial");
    }

    @Test
    void sitesUseTheAllSitesEnvelope() {
        var body = Http.json(Http.get(SETTINGS.get("baseUrl") + "/web/api/v2.1/sites", auth()));
        assertThat(body.get("data").get("allSites").get("activeLicenses").asInt()).isPositive();
        assertThat(body.get("data").get("sites")).hasSize(30);
        assertThat(body.get("pagination").get("nextCursor").isNull()).isTrue();
    }
}
