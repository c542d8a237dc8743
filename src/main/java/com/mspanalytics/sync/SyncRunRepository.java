package com.mspanalytics.sync;

import com.mspanalytics.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code sync_runs} and {@code sync_checkpoints}, always under the current tenant (RLS). */
@Repository
class SyncRunRepository {

    private static final String COLUMNS = """
            id, entity, status, trigger, queued_at, started_at, finished_at, fetched, inserted, updated, deleted, error
            """;

    private final JdbcClient jdbc;

    SyncRunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new queued run, unless one is active: the partial unique index decides, on every node alike. */
    Optional<SyncRun> insertQueued(TenantId tenant, String entity, String trigger) {
        return jdbc.sql("""
                INSERT INTO sync_runs (tenant_id, id, entity, status, trigger)
                VALUES (:tenant, :id, :entity, 'QUEUED', :trigger)
                ON CONFLICT (tenant_id, entity) WHERE status IN ('QUEUED', 'RUNNING') DO NOTHING
                RETURNING %s""".formatted(COLUMNS))
                .param("tenant", tenant.value()).param("id", UUID.randomUUID()).param("entity", entity)
                .param("trigger", trigger)
                .query(SyncRunRepository::run).optional();
    }

    Optional<SyncRun> findActive(String entity) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sync_runs WHERE entity = :entity AND status IN ('QUEUED', 'RUNNING')")
                .param("entity", entity).query(SyncRunRepository::run).optional();
    }

    /** Fails an active run whose node stopped beating; @return whether one was failed. */
    boolean failIfStale(String entity, Duration staleAfter) {
        return jdbc.sql("""
                UPDATE sync_runs SET status = 'FAILED', finished_at = now(),
                       error = 'Interrupted: no progress since ' || to_char(heartbeat_at AT TIME ZONE 'UTC',
                               'YYYY-MM-DD"T"HH24:MI:SS"Z"') || '; the next run resumes from the last checkpoint'
                WHERE entity = :entity AND status IN ('QUEUED', 'RUNNING')
                  AND heartbeat_at < now() - make_interval(secs => :seconds)
                """).param("entity", entity).param("seconds", staleAfter.toSeconds()).update() > 0;
    }

    void markRunning(UUID id) {
        jdbc.sql("UPDATE sync_runs SET status = 'RUNNING', started_at = now(), heartbeat_at = now() WHERE id = :id")
                .param("id", id).update();
    }

    void addProgress(UUID id, long fetched, PageCounts counts) {
        jdbc.sql("""
                UPDATE sync_runs SET fetched = fetched + :fetched, inserted = inserted + :inserted,
                       updated = updated + :updated, deleted = deleted + :deleted, heartbeat_at = now()
                WHERE id = :id
                """)
                .param("id", id).param("fetched", fetched).param("inserted", counts.inserted())
                .param("updated", counts.updated()).param("deleted", counts.deleted()).update();
    }

    void finish(UUID id, SyncStatus status, String error) {
        jdbc.sql("UPDATE sync_runs SET status = :status, finished_at = now(), error = :error WHERE id = :id")
                .param("id", id).param("status", status.name()).param("error", error).update();
    }

    Optional<SyncRun> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sync_runs WHERE id = :id").param("id", id)
                .query(SyncRunRepository::run).optional();
    }

    List<SyncRun> recent(String entity, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM sync_runs WHERE (CAST(:entity AS text) IS NULL OR entity = :entity)
                ORDER BY queued_at DESC, id LIMIT :limit""")
                .param("entity", entity).param("limit", limit).query(SyncRunRepository::run).list();
    }

    Optional<String> checkpoint(String name) {
        return jdbc.sql("SELECT position FROM sync_checkpoints WHERE entity = :name").param("name", name)
                .query(String.class).optional();
    }

    void saveCheckpoint(TenantId tenant, String name, String position) {
        jdbc.sql("""
                INSERT INTO sync_checkpoints (tenant_id, entity, position, updated_at) VALUES (:tenant, :name, :position, now())
                ON CONFLICT (tenant_id, entity) DO UPDATE SET position = EXCLUDED.position, updated_at = now()
                """).param("tenant", tenant.value()).param("name", name).param("position", position).update();
    }

    private static SyncRun run(ResultSet rs, int row) throws SQLException {
        return new SyncRun(rs.getObject("id", UUID.class), rs.getString("entity"),
                SyncStatus.valueOf(rs.getString("status")), rs.getString("trigger"),
                rs.getObject("queued_at", OffsetDateTime.class), rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class), rs.getLong("fetched"), rs.getLong("inserted"),
                rs.getLong("updated"), rs.getLong("deleted"), rs.getString("error"));
    }
}
