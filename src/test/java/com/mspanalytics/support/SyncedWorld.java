package com.mspanalytics.support;

import com.mspanalytics.admin.TenantSeeder;
import com.mspanalytics.secrets.CredentialVault;
import com.mspanalytics.simulator.SimulatorOptions;
import com.mspanalytics.simulator.Simulators;
import com.mspanalytics.simulator.world.Ledger;
import com.mspanalytics.simulator.world.WorldSize;
import com.mspanalytics.sync.SyncRun;
import com.mspanalytics.sync.SyncService;
import com.mspanalytics.sync.SyncStatus;
import com.mspanalytics.tenant.TenantContext;
import java.time.Duration;
import java.time.LocalDate;
import org.springframework.context.ApplicationContext;

/**
 * The tiny simulated world (seed 42, ending 2026-11-23) synced once per test JVM into a tenant of its
 * own, for the planted-fact tests of every KPI: compute with {@code asOf = END_DATE} and compare with
 * {@link #ledger()}. Use only from {@link KpiWorldTest} classes.
 */
public final class SyncedWorld {

    public static final long SEED = 42;
    public static final LocalDate END_DATE = LocalDate.of(2026, 11, 23);

    private static SyncedWorld instance;

    private final TenantSeeder.SeededTenant tenant;
    private final Ledger ledger;

    private SyncedWorld(TenantSeeder.SeededTenant tenant, Ledger ledger) {
        this.tenant = tenant;
        this.ledger = ledger;
    }

    public static synchronized SyncedWorld get(ApplicationContext context) {
        if (instance == null) {
            instance = syncInto(context, "Planted World MSP");
        }
        return instance;
    }

    /** The same world synced into a new tenant named {@code tenantName}, for a test that changes its data. */
    public static SyncedWorld syncInto(ApplicationContext context, String tenantName) {
        try (Simulators simulators = Simulators.start(SimulatorOptions.of(SEED, WorldSize.TINY, END_DATE))) {
            TenantSeeder.SeededTenant tenant = context.getBean(TenantSeeder.class).seed(tenantName);
            CredentialVault vault = context.getBean(CredentialVault.class);
            simulators.connectorSettings().forEach((name, settings) -> vault.save(tenant.tenant(), name, settings));
            SyncService sync = context.getBean(SyncService.class);
            SyncRun run = TenantContext.callAs(tenant.tenant(), () -> sync.await(
                    sync.start(SyncService.ALL, "test").runId(), Duration.ofMinutes(3)));
            if (run.status() != SyncStatus.SUCCEEDED) {
                throw new IllegalStateException("Sync of the planted world failed: " + run.error());
            }
            return new SyncedWorld(tenant, simulators.ledger());
        }
    }

    public TenantSeeder.SeededTenant tenant() {
        return tenant;
    }

    public Ledger ledger() {
        return ledger;
    }
}
