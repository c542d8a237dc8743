package com.mspanalytics.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.admin.TenantSeeder.SeededTenant;
import com.mspanalytics.simulator.SimulatorOptions;
import com.mspanalytics.simulator.Simulators;
import com.mspanalytics.simulator.world.WorldSize;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A connector's sync against the simulators over real HTTP, into real PostgreSQL: before each test the simulators
 * start (seed 11, a tiny world), a fresh tenant is seeded and its connector settings point at its simulator;
 * after each test they stop. Retries are quick and pages small, so faults and many pages cost little time.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "msp.connectors.allow-private-addresses=true", "msp.connectors.pace.enabled=false",
        "msp.connectors.connectwise.reconcile-every=0s",
        "msp.connectors.connectwise.page-size=100",
        "msp.connectors.retry.initial-backoff=5ms",
        "msp.connectors.retry.max-backoff=1s",
        "msp.connectors.retry.max-attempts=8",
        "msp.connectors.smileback.page-size=50",
        "msp.connectors.sentinelone.page-size=50",
        "msp.connectors.defender.page-size=50"})
public abstract class SimulatedTenantTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected ApplicationContext context;

    /** The owner's connection (row-level security does not apply): for checking what was stored. */
    protected final JdbcClient owner = JdbcClient.create(TestDatabase.ownerDataSource());
    protected Simulators simulators;
    protected SeededTenant tenant;
    /** As the tenant (its API key). */
    protected Http http;

    private final String connector;

    /** @param connector whose settings are PUT, e.g. "smileback" */
    protected SimulatedTenantTest(String connector) {
        this.connector = connector;
    }

    @BeforeEach
    void tenantPointedAtTheSimulator() {
        simulators = Simulators.start(SimulatorOptions.of(11, WorldSize.TINY, LocalDate.of(2026, 11, 23)));
        tenant = TestTenants.create(context);
        http = new Http(port, tenant.apiKey());
        String settings = Json.toJson(simulators.connectorSettings().get(connector));
        assertThat(http.send(http.request("/settings/connectors/" + connector, "Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(settings)).build()).statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stopSimulators() {
        simulators.close();
    }

    /** {@code POST /sync/{entity}?wait=true}: the finished run. */
    protected JsonNode sync(String entity) {
        var response = http.post("/sync/" + entity + "?wait=true", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    /** The sync of the entity named like the connector (smileback, sentinelone, defender). */
    protected JsonNode sync() {
        return sync(connector);
    }

    /** The position committed under checkpoint {@code name}; null when there is none. */
    protected String checkpoint(String name) {
        return owner.sql("SELECT position FROM sync_checkpoints WHERE tenant_id = ? AND entity = ?")
                .params(tenant.tenant().value(), name).query(String.class).optional().orElse(null);
    }

    /** The number {@code sql} counts, as the owner; its first {@code ?} is the tenant's id, then {@code params}. */
    protected long countRows(String sql, Object... params) {
        return owner.sql(sql).params(Stream.concat(Stream.of(tenant.tenant().value()), Stream.of(params)).toList())
                .query(Long.class).single();
    }
}
