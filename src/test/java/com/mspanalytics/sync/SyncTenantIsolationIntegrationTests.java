package com.mspanalytics.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.admin.TenantSeeder.SeededTenant;
import com.mspanalytics.simulator.SimulatorOptions;
import com.mspanalytics.simulator.Simulators;
import com.mspanalytics.simulator.world.Ticket;
import com.mspanalytics.simulator.world.WorldSize;
import com.mspanalytics.simulator.world.WorldView;
import com.mspanalytics.support.Http;
import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.TestTenants;
import com.mspanalytics.tenant.TenantContext;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two tenants sync two differently seeded worlds whose ticket ids overlap; through the application
 * role each sees exactly its own world's tickets, and the same id holds each tenant's own record.
 */
@IntegrationTest
@TestPropertySource(properties = {"msp.connectors.allow-private-addresses=true", "msp.connectors.pace.enabled=false", "msp.connectors.retry.initial-backoff=5ms"})
class SyncTenantIsolationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void overlappingIdsFromTwoWorldsStayWithTheirTenants() {
        try (Simulators worldA = Simulators.start(SimulatorOptions.of(101, WorldSize.TINY, LocalDate.of(2026, 11, 23)));
                Simulators worldB = Simulators.start(SimulatorOptions.of(202, WorldSize.TINY, LocalDate.of(2026, 11, 23)))) {
            SeededTenant a = syncedTenant(worldA);
            SeededTenant b = syncedTenant(worldB);
            Map<Long, String> summariesA = summaries(worldA);
            Map<Long, String> summariesB = summaries(worldB);
            long sharedId = summariesA.keySet().stream().filter(id -> summariesB.containsKey(id)
                    && !summariesA.get(id).equals(summariesB.get(id))).findFirst().orElseThrow();

            assertThat(storedSummaries(a)).isEqualTo(summariesA);
            assertThat(storedSummaries(b)).isEqualTo(summariesB);
            assertThat(storedSummaries(a).get(sharedId)).isNotEqualTo(storedSummaries(b).get(sharedId));
            assertThat(storedStatusChanges(a)).as("ticket-history reads its own tenant's tickets")
                    .isEqualTo(statusChanges(worldA)).isNotEqualTo(statusChanges(worldB));
            assertThat(storedStatusChanges(b)).isEqualTo(statusChanges(worldB));
        }
    }

    /** Status changes per ticket id of the closed tickets ticket-history reads (120 days back from the newest). */
    private static Map<Long, Integer> statusChanges(Simulators world) {
        WorldView view = world.live().view();
        Instant newest = view.bundles().stream().map(b -> view.lastUpdated(b).truncatedTo(ChronoUnit.SECONDS))
                .max(Instant::compareTo).orElseThrow();
        return view.bundles().stream()
                .filter(b -> b.ticket().isClosedAt(view.now())
                        && !view.lastUpdated(b).truncatedTo(ChronoUnit.SECONDS).isBefore(newest.minus(Duration.ofDays(120))))
                .collect(Collectors.toMap(b -> b.ticket().id(), b -> b.ticket().reopen() == null ? 2 : 4));
    }

    private Map<Long, Integer> storedStatusChanges(SeededTenant tenant) {
        return TenantContext.callAs(tenant.tenant(), () -> transaction.execute(s -> jdbc
                .sql("SELECT ticket_id, count(*) FROM cw_ticket_status_changes GROUP BY ticket_id")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getInt(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
    }

    private SeededTenant syncedTenant(Simulators world) {
        SeededTenant tenant = TestTenants.create(context);
        Http http = new Http(port, tenant.apiKey());
        http.send(http.request("/settings/connectors/connectwise", "Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.toJson(world.connectorSettings().get("connectwise")))).build());
        for (String entity : new String[] {"tickets", "ticket-history"}) {
            var run = Json.parse(http.post("/sync/" + entity + "?wait=true", "").body());
            assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        }
        return tenant;
    }

    private Map<Long, String> storedSummaries(SeededTenant tenant) {
        return TenantContext.callAs(tenant.tenant(), () -> transaction.execute(s -> jdbc
                .sql("SELECT id, summary FROM cw_tickets WHERE deleted_at IS NULL")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
    }

    private static Map<Long, String> summaries(Simulators world) {
        return world.live().view().bundles().stream().map(bundle -> bundle.ticket())
                .collect(Collectors.toMap(Ticket::id, Ticket::summary, (x, y) -> x));
    }
}
