package com.mspanalytics.sync;

import com.mspanalytics.secrets.CredentialVault;
import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts, finds and waits for sync runs of the current tenant. One run per tenant and entity at a
 * time, across every node: a second start returns the active run instead of a parallel duplicate.
 */
@Service
public class SyncService {

    public static final String ALL = "all";

    private final Map<String, SyncSource> sources = new LinkedHashMap<>();
    private final SyncRunRepository runs;
    private final SyncRunner runner;
    private final CredentialVault vault;
    private final TransactionTemplate transaction;
    private final TaskExecutor executor;
    private final SyncProperties properties;

    SyncService(List<SyncSource> sources, SyncRunRepository runs, SyncRunner runner, CredentialVault vault,
            TransactionTemplate transaction, @Qualifier("syncExecutor") TaskExecutor executor,
            SyncProperties properties) {
        sources.stream().sorted(Comparator.comparingInt(SyncSource::order)).forEach(s -> this.sources.put(s.entity(), s));
        this.runs = runs;
        this.runner = runner;
        this.vault = vault;
        this.transaction = transaction;
        this.executor = executor;
        this.properties = properties;
    }

    /** Entities that {@code POST /sync/{entity}} accepts, in the order {@code all} runs them. */
    public List<String> entities() {
        return Stream.concat(sources.keySet().stream(), Stream.of(ALL)).toList();
    }

    /** Entities whose connector the current tenant has configured, in dependency order. */
    public List<String> configuredEntities() {
        return configured(TenantContext.require()).stream().map(SyncSource::entity).toList();
    }

    /**
     * @throws UnknownSyncEntity when no source has that name
     * @throws ConnectorNotConfigured when the tenant has no credentials for the source (or none at all for "all")
     */
    public SyncRun start(String entity, String trigger) {
        TenantId tenant = TenantContext.require();
        List<SyncSource> selected = select(tenant, entity);
        SyncRun[] created = new SyncRun[1];
        SyncRun run = transaction.execute(status -> {
            runs.failIfStale(entity, properties.staleAfter());
            runs.failIfStale(ALL, properties.staleAfter());
            // An active "all" run already covers every entity: no second writer for the same rows.
            Optional<SyncRun> coveringAll = ALL.equals(entity) ? Optional.empty() : runs.findActive(ALL);
            if (coveringAll.isPresent()) {
                return coveringAll.get();
            }
            Optional<SyncRun> inserted = runs.insertQueued(tenant, entity, trigger);
            inserted.ifPresent(r -> created[0] = r);
            return inserted.or(() -> runs.findActive(entity)).orElseThrow();
        });
        if (created[0] != null) {
            submit(tenant, run, selected);
        }
        return run;
    }

    public Optional<SyncRun> find(UUID runId) {
        return transaction.execute(status -> runs.find(runId));
    }

    public List<SyncRun> recent(String entity, int limit) {
        return transaction.execute(status -> runs.recent(entity, limit));
    }

    /** Polls until the run has finished or {@code timeout} has passed; works for runs of other nodes too. */
    public SyncRun await(UUID runId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SyncRun run = find(runId).orElseThrow();
        while (!run.status().finished() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return run;
            }
            run = find(runId).orElseThrow();
        }
        return run;
    }

    private List<SyncSource> select(TenantId tenant, String entity) {
        if (ALL.equals(entity)) {
            List<SyncSource> configured = configured(tenant);
            if (configured.isEmpty()) {
                throw new ConnectorNotConfigured("no connector");
            }
            return configured;
        }
        SyncSource source = sources.get(entity);
        if (source == null) {
            throw new UnknownSyncEntity(entity, entities());
        }
        if (vault.find(tenant, source.connector()).isEmpty()) {
            throw new ConnectorNotConfigured(source.connector());
        }
        return List.of(source);
    }

    private List<SyncSource> configured(TenantId tenant) {
        return sources.values().stream().filter(s -> vault.find(tenant, s.connector()).isPresent()).toList();
    }

    private void submit(TenantId tenant, SyncRun run, List<SyncSource> selected) {
        try {
            executor.execute(() -> TenantContext.runAs(tenant, () -> runner.execute(tenant, run, selected)));
        } catch (RejectedExecutionException e) {
            TenantContext.runAs(tenant, () -> transaction.executeWithoutResult(s -> runs.finish(run.runId(),
                    SyncStatus.FAILED, "This node has too many runs queued; try again later")));
        }
    }
}
