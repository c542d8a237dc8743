package com.mspanalytics.sync;

import com.mspanalytics.secrets.CredentialVault;
import com.mspanalytics.tenant.TenantId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Executes one run on the calling thread, as the run's tenant, and records how it ended. */
@Component
class SyncRunner {

    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

    /** A run that stored this many rows refreshes the planner's statistics before any KPI reads them. */
    static final long ANALYZE_AFTER_ROWS = 5_000;

    private final SyncRunRepository runs;
    private final CredentialVault vault;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;
    private final ApplicationEventPublisher events;

    SyncRunner(SyncRunRepository runs, CredentialVault vault, JdbcClient jdbc, DataSource dataSource,
            TransactionTemplate transaction, MeterRegistry meters, ApplicationEventPublisher events) {
        this.events = events;
        this.runs = runs;
        this.vault = vault;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transaction = transaction;
        this.meters = meters;
    }

    /** Runs {@code sources} in order; one failing source fails the run but does not stop the others. */
    void execute(TenantId tenant, SyncRun run, List<SyncSource> sources) {
        transaction.executeWithoutResult(status -> runs.markRunning(run.runId()));
        Timer.Sample timer = Timer.start(meters);
        List<String> errors = new ArrayList<>();
        for (SyncSource source : sources) {
            try {
                Map<String, String> credentials = vault.find(tenant, source.connector())
                        .orElseThrow(() -> new SyncFailure(source.connector() + " is not configured"));
                source.pull(new RunSession(tenant, run.runId(), credentials, runs, jdbc, dataSource,
                        transaction));
            } catch (SyncFailure e) {
                log.warn("Sync of {} for tenant {} failed: {}", source.entity(), tenant, e.getMessage());
                errors.add(source.entity() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                // Unexpected: the message may come from a library and is not shown to the tenant.
                log.error("Sync of {} for tenant {} failed unexpectedly", source.entity(), tenant, e);
                errors.add(source.entity() + ": unexpected " + e.getClass().getSimpleName() + "; see the server log");
            }
        }
        SyncStatus status = errors.isEmpty() ? SyncStatus.SUCCEEDED : SyncStatus.FAILED;
        // before the run is finished: whoever waits for it (a KPI computation, the demo) plans on fresh statistics
        transaction.execute(s -> runs.find(run.runId()))
                .filter(stored -> stored.inserted() + stored.updated() >= ANALYZE_AFTER_ROWS)
                .ifPresent(this::analyzeTenantTables);
        transaction.executeWithoutResult(s -> runs.finish(run.runId(), status,
                errors.isEmpty() ? null : String.join("; ", errors)));
        timer.stop(meters.timer("msp.sync.runs", "entity", run.entity(), "status", status.name()));
        transaction.execute(s -> runs.find(run.runId())).ifPresent(finished -> events.publishEvent(
                new SyncCompleted(tenant, finished)));
    }

    private void analyzeTenantTables(SyncRun run) {
        long started = System.nanoTime();
        Integer tables = jdbc.sql("SELECT analyze_tenant_tables()").query(Integer.class).single();
        log.info("Analyzed {} tables after run {} stored {} rows, in {} ms", tables, run.runId(),
                run.inserted() + run.updated(), (System.nanoTime() - started) / 1_000_000);
    }
}
