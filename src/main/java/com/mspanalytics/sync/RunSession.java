package com.mspanalytics.sync;

import com.mspanalytics.tenant.TenantId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The session of one run: every commit is one transaction holding the rows, the checkpoint and the counts. */
final class RunSession implements SyncSession {

    private final TenantId tenant;
    private final UUID runId;
    private final Map<String, String> credentials;
    private final SyncRunRepository runs;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    RunSession(TenantId tenant, UUID runId, Map<String, String> credentials, SyncRunRepository runs, JdbcClient jdbc,
            TransactionTemplate transaction) {
        this.tenant = tenant;
        this.runId = runId;
        this.credentials = Map.copyOf(credentials);
        this.runs = runs;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public TenantId tenant() {
        return tenant;
    }

    @Override
    public Map<String, String> credentials() {
        return credentials;
    }

    @Override
    public Optional<String> checkpoint(String name) {
        return transaction.execute(status -> runs.checkpoint(name));
    }

    @Override
    public PageCounts commit(int fetched, PageWrite rows, String checkpointName, String position) {
        return transaction.execute(status -> {
            PageCounts counts = rows.write(jdbc);
            if (checkpointName != null) {
                runs.saveCheckpoint(tenant, checkpointName, position);
            }
            runs.addProgress(runId, fetched, counts);
            return counts;
        });
    }
}
