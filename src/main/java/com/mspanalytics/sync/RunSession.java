package com.mspanalytics.sync;

import com.mspanalytics.tenant.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.transaction.support.TransactionTemplate;

/** The session of one run: every commit is one transaction holding the rows, the checkpoint and the counts. */
final class RunSession implements SyncSession {

    private final TenantId tenant;
    private final UUID runId;
    private final Map<String, String> credentials;
    private final SyncRunRepository runs;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;

    RunSession(TenantId tenant, UUID runId, Map<String, String> credentials, SyncRunRepository runs, JdbcClient jdbc,
            DataSource dataSource, TransactionTemplate transaction) {
        this.tenant = tenant;
        this.runId = runId;
        this.credentials = Map.copyOf(credentials);
        this.runs = runs;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
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

    @Override
    public PageCounts commit(int fetched, List<StagedRows> pages, String checkpointName, String position) {
        return commit(fetched, db -> {
            PageCounts counts = PageCounts.NONE;
            Set<String> stages = new HashSet<>();
            for (StagedRows page : pages) {
                if (!stages.add(page.table().stage())) {   // one staging table holds one set of rows per transaction
                    throw new IllegalArgumentException("two sets of rows for " + page.table().stage() + " in one commit");
                }
                if (page.size() > 0) {
                    stage(page);
                    counts = counts.plus(page.table().upsert().write(db, tenant, Map.of()));
                }
            }
            return counts;
        }, checkpointName, position);
    }

    /** COPY into the staging table, on the transaction's connection (the upsert that follows reads it there). */
    private void stage(StagedRows page) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute(page.table().createStage());
            }
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(page.table().copy());
            try {
                copy.writeToCopy(page.bytes(), 0, page.length());
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            var translated = new SQLExceptionSubclassTranslator().translate("COPY into " + page.table().stage(),
                    page.table().copy(), e);
            throw translated != null ? translated : new IllegalStateException(e);
        }
    }
}
