package com.mspanalytics.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mspanalytics.simulator.Http;
import com.mspanalytics.simulator.Simulators;
import com.mspanalytics.simulator.TestSimulators;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class FaultsTests {

    static final Simulators SIM = TestSimulators.start();

    @AfterEach
    void clearFaults() {
        Simulators.NAMES.forEach(name -> SIM.faults(name).clear());
    }

    @AfterAll
    static void stop() {
        SIM.close();
    }

    static String[] connectWiseAuth() {
        var s = SIM.connectorSettings().get("connectwise");
        String basic = Base64.getEncoder().encodeToString((s.get("companyId") + "+" + s.get("publicKey") + ":" + s.get("privateKey"))
                .getBytes(StandardCharsets.UTF_8));
        return new String[] {"Authorization", "Basic " + basic, "clientId", s.get("clientId")};
    }

    static String tickets(int page) {
        return SIM.connectorSettings().get("connectwise").get("baseUrl") + "/service/tickets?pageSize=50&page=" + page;
    }

    @Test
    void rateLimitsEveryNthRequestWithRetryAfterInTheServicesShape() {
        SIM.faults("connectwise").rateLimitEvery(3, 30);
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < 6; i++) statuses.add(Http.get(tickets(1), connectWiseAuth()).statusCode());
        assertThat(statuses).containsExactly(200, 200, 429, 200, 200, 429);
        SIM.faults("connectwise").rateLimitEvery(1, 30);
        var limited = Http.get(tickets(1), connectWiseAuth());
        assertThat(limited.headers().firstValue("Retry-After")).contains("30");
        assertThat(Http.json(limited).get("message").asText()).isEqualTo("Too many requests. Please try again in 30 seconds.");
    }

    @Test
    void serverErrorsFollowTheSeedSoRunsReplay() {
        var first = serverErrorPattern(SIM);
        assertThat(first.stream().filter(s -> s == 500).count()).isBetween(8L, 32L);
        try (var again = TestSimulators.start()) {
            assertThat(serverErrorPattern(again)).isEqualTo(first);
        }
    }

    private static List<Integer> serverErrorPattern(Simulators sims) {
        var settings = sims.connectorSettings().get("sentinelone");
        sims.faults("sentinelone").serverErrorRate(0.5);
        sims.server("sentinelone").resetRequestCount();
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < 40; i++) {
            statuses.add(Http.get(settings.get("baseUrl") + "/web/api/v2.1/sites", "Authorization", "ApiToken " + settings.get("apiToken"))
                    .statusCode());
        }
        sims.faults("sentinelone").clear();
        return statuses;
    }

    @Test
    void addsLatency() {
        SIM.faults("slack").latency(Duration.ofMillis(300));
        long start = System.nanoTime();
        Http.post(SIM.connectorSettings().get("slack").get("webhookUrl"), "{\"text\":\"slow\"}");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    void dropsConnectionsWithoutAnAnswer() {
        SIM.faults("defender").dropEvery(1);
        String url = SIM.connectorSettings().get("defender").get("baseUrl") + "/v1.0/security/alerts_v2";
        assertThatThrownBy(() -> Http.get(url)).isInstanceOf(UncheckedIOException.class);
        var requests = SIM.requests("defender");
        assertThat(requests.get(requests.size() - 1).status()).isZero();
    }

    @Test
    void truncatesOneChosenPage() {
        SIM.faults("connectwise").malformedPage("/service/tickets", 2);
        assertThat(Http.json(Http.get(tickets(1), connectWiseAuth()))).hasSize(50);
        var broken = Http.get(tickets(2), connectWiseAuth());
        assertThat(broken.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> Http.json(broken)).isInstanceOf(JacksonException.class);
        assertThat(Http.json(Http.get(tickets(2), connectWiseAuth()))).hasSize(50);
    }

    @Test
    void recordsRequestsWithSecretsMasked() {
        SIM.server("connectwise").clearRequests();
        Http.get(tickets(1) + "&conditions=" + Http.encode("closedFlag = true"), connectWiseAuth());
        var recorded = SIM.requests("connectwise").get(0);
        assertThat(recorded.method()).isEqualTo("GET");
        assertThat(recorded.path()).isEqualTo("/v4_6_release/apis/3.0/service/tickets");
        assertThat(recorded.query()).contains("conditions=");
        assertThat(recorded.headers()).containsEntry("Authorization", "****").containsKey("clientId");
        assertThat(recorded.status()).isEqualTo(200);
    }

    @Test
    void faultOptionsSwitchFaultsOnAtStart() {
        var options = com.mspanalytics.simulator.SimulatorOptions.of(TestSimulators.SEED, com.mspanalytics.simulator.world.WorldSize.TINY,
                TestSimulators.END).withFaults(Map.of("slack", new FaultOptions(1, 5, 0, 0, 0, null, 0)));
        try (var sims = Simulators.start(options)) {
            var response = Http.post(sims.connectorSettings().get("slack").get("webhookUrl"), "{\"text\":\"x\"}");
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("Retry-After")).contains("5");
        }
    }
}
