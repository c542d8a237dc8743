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
 * {@link #ledger()}. {@link #small} is the demo's world (same seed and end date, SMALL size) in another
 * tenant, for tests of how credible the headlines are at the size of a real MSP; it takes about a
 * minute to sync, so it too is synced once per JVM and only when a test asks for it. Use only from
 * {@link KpiWorldTest} classes.
 */
public final class SyncedWorld {

    public static final long SEED = 42;
    public static final LocalDate END_DATE = LocalDate.of(2026, 11, 23);

    private static SyncedWorld instance;
    private static SyncedWorld small;

    private final TenantSeeder.SeededTenant tenant;
    private final Ledger ledger;

    private SyncedWorld(TenantSeeder.SeededTenant tenant, Ledger ledger) {
        this.tenant = tenant;
        this.ledger = ledger;
    }

    public static synchronized SyncedWorld get(ApplicationContext context) {
        if (instance == null) {
            instance = sync(context, WorldSize.TINY, "Planted World MSP", Duration.ofMinutes(3));
        }
        return instance;
    }

    /** The tiny world synced into a new tenant named {@code tenantName}, for a test that changes its data. */
    public static SyncedWorld syncInto(ApplicationContext context, String tenantName) {
        return sync(context, WorldSize.TINY, tenantName, Duration.ofMinutes(3));
    }

    /** The demo's SMALL world (30 clients, 15 techs, ~18,000 tickets a year), synced on first use. */
    public static synchronized SyncedWorld small(ApplicationContext context) {
        if (small == null) {
            small = sync(context, WorldSize.SMALL, "Demo World MSP", Duration.ofMinutes(10));
        }
        return small;
    }

    private static SyncedWorld sync(ApplicationContext context, WorldSize size, String name, Duration timeout) {
        try (Simulators simulators = Simulators.start(SimulatorOptions.of(SEED, size, END_DATE))) {
            TenantSeeder.SeededTenant tenant = context.getBean(TenantSeeder.class).seed(name);
            CredentialVault vault = context.getBean(CredentialVault.class);
            simulators.connectorSettings().forEach((connector, settings) -> vault.save(tenant.tenant(), connector, settings));
            SyncService sync = context.getBean(SyncService.class);
            SyncRun run = TenantContext.callAs(tenant.tenant(), () -> sync.await(
                    sync.start(SyncService.ALL, "test").runId(), timeout));
            if (run.status() != SyncStatus.SUCCEEDED) {
                throw new IllegalStateException("Sync of the " + size + " world failed: " + run.error());
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
