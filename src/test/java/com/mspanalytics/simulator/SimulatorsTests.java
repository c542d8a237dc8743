package com.mspanalytics.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.http.ApiVariants;
import com.mspanalytics.simulator.world.WorldChange;
import com.mspanalytics.simulator.world.WorldSize;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SimulatorsTests {

    @Test
    void connectorSettingsAreExactlyTheSettingsBodies() {
        Map<String, Map<String, String>> settings = TestSimulators.SHARED.connectorSettings();
        assertThat(settings.keySet()).containsExactly("connectwise", "smileback", "sentinelone", "defender", "anthropic", "slack");
        assertThat(settings.get("connectwise").keySet()).containsExactly("baseUrl", "companyId", "publicKey", "privateKey", "clientId");
        assertThat(settings.get("connectwise").get("baseUrl")).endsWith("/v4_6_release/apis/3.0");
        assertThat(settings.get("smileback").keySet()).containsExactly("baseUrl", "clientId", "clientSecret", "username", "password");
        assertThat(settings.get("sentinelone").keySet()).containsExactly("baseUrl", "apiToken");
        assertThat(settings.get("defender").keySet()).containsExactly("tenantId", "clientId", "clientSecret", "baseUrl", "tokenUrl");
        assertThat(settings.get("anthropic").keySet()).containsExactly("apiKey", "model", "baseUrl", "monthlyTokenBudget");
        assertThat(settings.get("slack").keySet()).containsExactly("webhookUrl");
    }

    @Test
    void atStartTheSimulatorsServeExactlyTheGeneratedWorld() {
        var sims = TestSimulators.SHARED;
        var generated = sims.world().bundles().toList();
        var served = sims.live().view().bundles();
        assertThat(served).isEqualTo(generated);
        long entries = generated.stream().flatMap(b -> b.timeEntries().stream()).filter(e -> !e.timeEnd().isAfter(sims.now())).count();
        assertThat(sims.live().view().timeEntries()).hasSize((int) entries);
    }

    @Test
    void advancingTheClockCreatesUpdatesAndDeletesTicketsDeterministically() {
        try (var sims = TestSimulators.start(); var twin = TestSimulators.start()) {
            var before = sims.now();
            WorldChange change = sims.advanceClock(Duration.ofDays(1));
            assertThat(twin.advanceClock(Duration.ofDays(1))).isEqualTo(change);
            assertThat(change.createdTicketIds()).isNotEmpty();
            assertThat(change.updatedTicketIds()).isNotEmpty();
            assertThat(change.deletedTicketIds()).hasSize(1);

            var changed = fetchIds(sims, "lastUpdated > [" + before + "]");
            var expected = new HashSet<Long>(change.createdTicketIds());
            expected.addAll(change.updatedTicketIds());
            assertThat(changed).containsExactlyInAnyOrderElementsOf(expected);
            long deleted = change.deletedTicketIds().get(0);
            assertThat(Http.get(sims.connectWise().apiRoot() + "/service/tickets/" + deleted, auth(sims)).statusCode()).isEqualTo(404);
            var next = sims.advanceClock(Duration.ofHours(6));
            assertThat(next.from()).isEqualTo(change.to());
        }
    }

    private static Set<Long> fetchIds(Simulators sims, String conditions) {
        var body = Http.json(Http.get(sims.connectWise().apiRoot() + "/service/tickets?pageSize=1000&conditions="
                + Http.encode(conditions), auth(sims)));
        var ids = new HashSet<Long>();
        body.forEach(t -> ids.add(t.get("id").asLong()));
        return ids;
    }

    private static String[] auth(Simulators sims) {
        var s = sims.connectorSettings().get("connectwise");
        return new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (s.get("companyId") + "+" + s.get("publicKey") + ":" + s.get("privateKey")).getBytes(StandardCharsets.UTF_8)),
                "clientId", s.get("clientId")};
    }

    @Test
    void apiVariantsSwitchTheUnverifiedDetails() {
        var options = SimulatorOptions.of(TestSimulators.SEED, WorldSize.TINY, TestSimulators.END)
                .withVariants(new ApiVariants(false, 7, 3, 5, 50));
        try (var sims = Simulators.start(options)) {
            int entries = sims.live().view().timeEntries().size();
            assertThat(entries % 1000).as("the walk must end on a short page").isNotZero();
            int seen = 0;
            String url = sims.connectWise().apiRoot() + "/time/entries?pageSize=1000";
            while (url != null) {
                var page = Http.get(url, concat(auth(sims), "pagination-type", "forward-only"));
                int size = Http.json(page).size();
                seen += size;
                url = Http.nextLink(page);
                if (size < 1000) assertThat(url).as("no next link after a short page").isNull();
            }
            assertThat(seen).isEqualTo(entries);
            var s1 = sims.connectorSettings().get("sentinelone");
            var threats = Http.json(Http.get(s1.get("baseUrl") + "/web/api/v2.1/threats", "Authorization", "ApiToken " + s1.get("apiToken")));
            assertThat(threats.get("data")).hasSize(3);
            var graph = sims.connectorSettings().get("defender");
            String token = Http.json(Http.postForm(graph.get("tokenUrl"), Map.of("client_id", graph.get("clientId"),
                    "client_secret", graph.get("clientSecret"), "grant_type", "client_credentials"))).get("access_token").asText();
            assertThat(Http.json(Http.get(graph.get("baseUrl") + "/v1.0/security/alerts_v2", "Authorization", "Bearer " + token))
                    .get("value")).hasSize(5);
            assertThat(Http.get(graph.get("baseUrl") + "/v1.0/security/alerts_v2?$top=51", "Authorization", "Bearer " + token)
                    .statusCode()).isEqualTo(400);
        }
    }

    private static String[] concat(String[] first, String... more) {
        var all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void simulateRefusesBadOptionsWithExitCodeTwo() {
        var out = new PrintStream(new ByteArrayOutputStream());
        for (String[] args : List.of(new String[] {"--size", "huge"}, new String[] {"--port"}, new String[] {"--port", "x"},
                new String[] {"--seed", "1.5"}, new String[] {"--verbose", "yes"}, new String[] {"--end-date", "27/11/2026"})) {
            assertThat(SimulateCommand.run(args, out)).as(String.join(" ", args)).isEqualTo(2);
        }
    }

    @Test
    void simulatePrintsTheSettingsFirstAndServesUntilStopped() throws Exception {
        var pipe = new PipedInputStream();
        var out = new PrintStream(new PipedOutputStream(pipe), true, StandardCharsets.UTF_8);
        var exit = new AtomicInteger(-1);
        var thread = new Thread(() -> exit.set(SimulateCommand.run(
                new String[] {"--size", "tiny", "--seed", "7", "--end-date", "2026-11-27"}, out)));
        thread.start();
        String firstLine = new java.io.BufferedReader(new java.io.InputStreamReader(pipe, StandardCharsets.UTF_8)).readLine();
        var json = Http.JSON.readTree(firstLine);
        assertThat(new ArrayList<>(json.propertyNames())).containsExactly(Simulators.NAMES.toArray(String[]::new));
        String slack = json.get("slack").get("webhookUrl").asText();
        assertThat(Http.post(slack, "{\"text\":\"hello\"}").body()).isEqualTo("ok");
        thread.interrupt();
        thread.join(10_000);
        assertThat(exit.get()).isZero();
    }
}
