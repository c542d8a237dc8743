package com.mspanalytics.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.MspAnalyticsApplication;
import com.mspanalytics.admin.TenantSeeder;
import com.mspanalytics.secrets.CredentialVault;
import com.mspanalytics.simulator.SimulatorOptions;
import com.mspanalytics.simulator.Simulators;
import com.mspanalytics.simulator.world.WorldSize;
import com.mspanalytics.support.TestDatabase;
import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whole application instances on a database of their own (so that no other test's tenants are
 * synced): a process stopped mid-run, and two nodes sharing one scheduler table.
 */
class SyncResilienceIntegrationTests {

    EmbeddedPostgres postgres;
    Simulators simulators;
    JdbcClient owner;

    @BeforeEach
    void ownDatabaseAndWorld() {
        postgres = TestDatabase.start();
        owner = JdbcClient.create(postgres.getPostgresDatabase());
        simulators = Simulators.start(SimulatorOptions.of(5, WorldSize.TINY, LocalDate.of(2026, 11, 23)));
    }

    @AfterEach
    void stop() throws Exception {
        simulators.close();
        postgres.close();
    }

    @Test
    void aRunCutShortByAStoppedProcessIsResumedFromItsCheckpointByTheNext() throws Exception {
        simulators.faults("connectwise").latency(Duration.ofMillis(150));
        ConfigurableApplicationContext first = start(Map.of());
        TenantId tenant = configuredTenant(first);
        TenantContext.runAs(tenant, () -> first.getBean(SyncService.class).start("tickets", "test"));
        waitUntil(() -> storedTickets(tenant) >= 150, Duration.ofSeconds(60));

        first.close();
        long storedBeforeCrash = storedTickets(tenant);
        simulators.faults("connectwise").clear();
        Thread.sleep(1500);   // longer than stale-after: the cut run is taken as dead

        try (ConfigurableApplicationContext second = start(Map.of())) {
            SyncService sync = second.getBean(SyncService.class);
            SyncRun resumed = TenantContext.callAs(tenant, () -> sync.await(sync.start("tickets", "test").runId(),
                    Duration.ofSeconds(60)));

            assertThat(resumed.status()).as(String.valueOf(resumed.error())).isEqualTo(SyncStatus.SUCCEEDED);
            assertThat(storedTicketIds(tenant)).isEqualTo(servedTicketIds());
            assertThat(resumed.inserted()).as("only the rest was written")
                    .isEqualTo(servedTicketIds().size() - storedBeforeCrash);
            assertThat(resumed.fetched()).as("resumed near the checkpoint, not from the start")
                    .isLessThan(servedTicketIds().size());
            assertThat(owner.sql("SELECT count(*) - count(DISTINCT id) FROM cw_tickets").query(Long.class).single())
                    .isZero();
            assertThat(owner.sql("SELECT count(*) FROM sync_runs WHERE status = 'FAILED' AND error LIKE 'Interrupted%'")
                    .query(Long.class).single()).as("the cut run is recorded as interrupted").isLessThanOrEqualTo(1);
        }
    }

    @Test
    void twoNodesRunEachScheduledJobOncePerInterval() throws Exception {
        Map<String, String> schedule = Map.of("msp.sync.schedule-enabled", "true",
                "msp.sync.frequent-interval", "2s", "msp.sync.hourly-interval", "1h");
        try (ConfigurableApplicationContext a = start(schedule); ConfigurableApplicationContext b = start(schedule)) {
            configuredTenant(a);
            long started = System.nanoTime();
            Thread.sleep(9000);
            double seconds = (System.nanoTime() - started) / 1e9;

            double frequent = executions(a, "sync-frequent") + executions(b, "sync-frequent");
            double hourly = executions(a, "sync-hourly") + executions(b, "sync-hourly");

            assertThat(frequent).as("sync-frequent across both nodes in %.1f s", seconds)
                    .isBetween(2.0, Math.floor(seconds / 2) + 2);
            assertThat(hourly).as("sync-hourly runs once, on one node").isEqualTo(1.0);
            assertThat(owner.sql("SELECT count(*) FROM sync_runs WHERE trigger = 'schedule'").query(Long.class).single())
                    .isPositive();
        }
    }

    @Test
    void everyKpiIsRecomputedAfterASyncThatChangedData() throws InterruptedException {
        try (ConfigurableApplicationContext app = start(Map.of("msp.kpi.recompute-after-sync", "true"))) {
            TenantId tenant = configuredTenant(app);
            SyncService sync = app.getBean(SyncService.class);
            var kpis = app.getBean(com.mspanalytics.kpi.KpiService.class);

            SyncRun run = TenantContext.callAs(tenant, () -> sync.await(sync.start("tickets", "test").runId(),
                    Duration.ofSeconds(60)));

            assertThat(run.status()).isEqualTo(SyncStatus.SUCCEEDED);
            // The recomputation follows the recorded run on the same worker thread.
            waitUntil(() -> owner.sql("SELECT count(DISTINCT kpi) FROM kpi_results WHERE tenant_id = ?")
                    .params(tenant.value()).query(Long.class).single() == kpis.slugs().size(), Duration.ofSeconds(90));
            assertThat(owner.sql("SELECT DISTINCT kpi FROM kpi_results WHERE tenant_id = ? ORDER BY kpi")
                    .params(tenant.value()).query(String.class).list()).isEqualTo(kpis.slugs());
        }
    }

    private ConfigurableApplicationContext start(Map<String, String> extra) {
        Map<String, Object> env = new HashMap<>(TestDatabase.productionEnvironment(postgres));
        env.put("CONNECTORS_ALLOW_PRIVATE_ADDRESSES", "true");
        env.put("CONNECTORS_PACE", "false");
        env.put("msp.connectors.connectwise.page-size", "50");
        env.put("msp.connectors.retry.initial-backoff", "5ms");
        env.put("msp.sync.stale-after", "1s");
        env.putAll(extra);
        return new SpringApplicationBuilder(MspAnalyticsApplication.class).properties(env).run();
    }

    private TenantId configuredTenant(ConfigurableApplicationContext app) {
        TenantId tenant = app.getBean(TenantSeeder.class).seed("Resilience MSP").tenant();
        app.getBean(CredentialVault.class).save(tenant, "connectwise", simulators.connectorSettings().get("connectwise"));
        return tenant;
    }

    private static double executions(ConfigurableApplicationContext app, String job) {
        var counter = app.getBean(MeterRegistry.class).find("msp.sync.schedule.executions").tag("job", job).counter();
        return counter == null ? 0 : counter.count();
    }

    private long storedTickets(TenantId tenant) {
        return owner.sql("SELECT count(*) FROM cw_tickets WHERE tenant_id = ?").params(tenant.value())
                .query(Long.class).single();
    }

    private Set<Long> storedTicketIds(TenantId tenant) {
        return Set.copyOf(owner.sql("SELECT id FROM cw_tickets WHERE tenant_id = ? AND deleted_at IS NULL")
                .params(tenant.value()).query(Long.class).list());
    }

    private Set<Long> servedTicketIds() {
        return simulators.live().view().bundles().stream().map(b -> b.ticket().id()).collect(Collectors.toSet());
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + timeout).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
