package com.mspanalytics.connectors.sentinelone;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.admin.TenantSeeder.SeededTenant;
import com.mspanalytics.simulator.SimulatorOptions;
import com.mspanalytics.simulator.Simulators;
import com.mspanalytics.simulator.world.SecurityEvent;
import com.mspanalytics.simulator.world.WorldSize;
import com.mspanalytics.simulator.world.WorldView;
import com.mspanalytics.support.Http;
import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.TestDatabase;
import com.mspanalytics.support.TestTenants;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** Full and incremental SentinelOne threat sync against the simulator over real HTTP, into real PostgreSQL. */
@IntegrationTest
@TestPropertySource(properties = {
        "msp.connectors.allow-private-addresses=true",
        "msp.connectors.connectwise.reconcile-every=0s",
        "msp.connectors.connectwise.page-size=100",
        "msp.connectors.retry.initial-backoff=5ms",
        "msp.connectors.retry.max-backoff=1s",
        "msp.connectors.retry.max-attempts=8",
        "msp.connectors.smileback.page-size=50",
        "msp.connectors.sentinelone.page-size=50",
        "msp.connectors.defender.page-size=50"})
class SentinelOneSyncIntegrationTests {

    /** The normalised shape of one event: severity, status, classification, client, acknowledged, resolved. */
    record Event(String severity, String status, String classification, String client, Instant acknowledgedAt,
                 Instant resolvedAt) {}

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    final JdbcClient owner = JdbcClient.create(TestDatabase.ownerDataSource());
    Simulators simulators;
    SeededTenant tenant;
    Http http;

    @BeforeEach
    void tenantPointedAtTheSimulator() {
        simulators = Simulators.start(SimulatorOptions.of(11, WorldSize.TINY, LocalDate.of(2026, 11, 23)));
        tenant = TestTenants.create(context);
        http = new Http(port, tenant.apiKey());
        String settings = Json.toJson(simulators.connectorSettings().get("sentinelone"));
        assertThat(http.send(http.request("/settings/connectors/sentinelone", "Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(settings)).build()).statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stopSimulators() {
        simulators.close();
    }

    @Test
    void fullSyncStoresEveryThreatNormalised() {
        JsonNode run = sync();

        WorldView view = simulators.live().view();
        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("inserted").asLong()).isEqualTo(threats(view).size());
        assertThat(stored()).isEqualTo(expected(view));
        var planted = owner.sql("""
                SELECT severity, client_name, extract(epoch FROM acknowledged_at - created_at) / 60,
                       extract(epoch FROM resolved_at - created_at) / 60, title
                FROM security_events WHERE tenant_id = ? AND source = 'sentinelone' AND external_id = '1699999999999999999'""")
                .params(tenant.tenant().value())
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4), rs.getString(5)))
                .single();
        assertThat(planted).containsExactly("critical", "Wayne Financial", 6.0, 540.0, "payroll_update.exe");
    }

    @Test
    void incrementalSyncPicksUpNewAndChangedThreatsOnly() {
        sync();
        WorldView before = simulators.live().view();
        simulators.advanceClock(Duration.ofDays(3));
        WorldView after = simulators.live().view();
        Map<String, SecurityEvent> previous = threats(before).stream()
                .collect(Collectors.toMap(SecurityEvent::id, Function.identity()));
        long created = threats(after).stream().filter(e -> !previous.containsKey(e.id())).count();
        long changed = threats(after).stream().filter(e -> previous.containsKey(e.id()))
                .filter(e -> !e.lastUpdate(after.now()).equals(e.lastUpdate(before.now()))).count();

        JsonNode run = sync();

        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(created + changed).isPositive();
        assertThat(run.path("inserted").asLong()).isEqualTo(created);
        assertThat(run.path("updated").asLong()).isEqualTo(changed);
        assertThat(run.path("fetched").asLong()).as("only the changes and the overlap are read, not everything")
                .isLessThan(threats(after).size() / 2);
        assertThat(stored()).isEqualTo(expected(after));
        assertThat(duplicates()).isZero();
    }

    @Test
    void transientFaultsAreRetriedToAnExactResult() {
        simulators.faults("sentinelone").serverErrorRate(0.10).rateLimitEvery(4, 1).dropEvery(5)
                .latency(Duration.ofMillis(2));

        JsonNode run = sync();

        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(stored()).isEqualTo(expected(simulators.live().view()));
        assertThat(duplicates()).isZero();
        assertThat(simulators.requests("sentinelone").stream().map(r -> r.status()).toList()).contains(429, 0);
    }

    @Test
    void aMalformedPageFailsTheRunNamingItAndTheNextRunResumesFromTheCheckpoint() {
        simulators.faults("sentinelone").malformedPage("/web/api/v2.1/threats", 3);

        JsonNode failed = sync();

        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("error").asString()).contains("SentinelOne").contains("/web/api/v2.1/threats")
                .contains("page 3").contains("not valid JSON")
                .doesNotContain(simulators.connectorSettings().get("sentinelone").get("apiToken"));
        assertThat(stored()).as("pages 1 and 2 were committed with their checkpoint").hasSize(100);
        Instant checkpoint = Instant.parse(owner.sql("SELECT position FROM sync_checkpoints WHERE tenant_id = ? AND entity = ?")
                .params(tenant.tenant().value(), SentinelOneSource.CHECKPOINT).query(String.class).single());
        Instant now = simulators.now();
        assertThat(checkpoint).isEqualTo(threats(simulators.live().view()).stream().map(e -> e.lastUpdate(now))
                .sorted().skip(99).findFirst().orElseThrow());

        simulators.faults("sentinelone").clear();
        JsonNode retried = sync();

        int total = threats(simulators.live().view()).size();
        assertThat(retried.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(stored()).isEqualTo(expected(simulators.live().view()));
        assertThat(retried.path("inserted").asLong()).isEqualTo(total - 100);
        assertThat(retried.path("fetched").asLong()).as("resumed after page 2, not from the start").isLessThan(total);
    }

    private static List<SecurityEvent> threats(WorldView view) {
        return view.securityEvents().stream().filter(e -> e.source() == SecurityEvent.Source.SENTINELONE).toList();
    }

    /** What the world says each threat is, in the normalised vocabulary, computed from the world's own fields. */
    private static Map<String, Event> expected(WorldView view) {
        Instant now = view.now();
        return threats(view).stream().collect(Collectors.toMap(SecurityEvent::id, e -> {
            boolean acknowledged = !e.acknowledgedAt().isAfter(now), resolved = !e.resolvedAt().isAfter(now);
            return new Event(e.severity(), resolved ? "resolved" : acknowledged ? "in_progress" : "new",
                    acknowledged ? e.verdict() : "undetermined",
                    String.valueOf(new BigInteger("475482421366700000").add(BigInteger.valueOf(e.client().id()))),
                    acknowledged ? e.acknowledgedAt() : null, resolved ? e.resolvedAt() : null);
        }));
    }

    private Map<String, Event> stored() {
        return owner.sql("""
                SELECT external_id, severity, status, classification, client_key, acknowledged_at, resolved_at
                FROM security_events WHERE tenant_id = ? AND source = 'sentinelone'""")
                .params(tenant.tenant().value())
                .query((rs, n) -> Map.entry(rs.getString(1), new Event(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), instant(rs.getObject(6, OffsetDateTime.class)),
                        instant(rs.getObject(7, OffsetDateTime.class)))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private long duplicates() {
        return owner.sql("SELECT count(*) - count(DISTINCT (source, external_id)) FROM security_events WHERE tenant_id = ?")
                .params(tenant.tenant().value()).query(Long.class).single();
    }

    private JsonNode sync() {
        var response = http.post("/sync/sentinelone?wait=true", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }
}
