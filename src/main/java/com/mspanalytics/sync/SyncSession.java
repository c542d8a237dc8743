package com.mspanalytics.sync;

import com.mspanalytics.tenant.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What a {@link SyncSource} gets for one run: whose data, which credentials, and where to write. */
public interface SyncSession {

    TenantId tenant();

    /** The decrypted settings of the source's connector (docs/api.md, Connector settings). */
    Map<String, String> credentials();

    /** The position last committed under {@code name}, if any (a watermark, a cursor; the source decides). */
    Optional<String> checkpoint(String name);

    /**
     * Writes one page and moves the checkpoint, atomically, as the run's tenant.
     *
     * @param fetched records received in this page (for the run's counts)
     * @param rows the page's upserts; run inside the transaction with a tenant-bound connection
     * @param checkpointName which checkpoint to move, or null to leave every checkpoint as it is
     * @param position the new position
     */
    PageCounts commit(int fetched, PageWrite rows, String checkpointName, String position);

    /**
     * Writes staged pages and moves the checkpoint, atomically, as the run's tenant: each one is copied into its
     * table's staging table ({@code COPY}) and upserted by its {@link RecordTable#upsert()}, in the order given.
     *
     * @param fetched records received (for the run's counts)
     * @param pages at most one per {@link RecordTable} (one {@link StagedRows} may hold several response bodies)
     * @param checkpointName which checkpoint to move, or null to leave every checkpoint as it is
     */
    PageCounts commit(int fetched, List<StagedRows> pages, String checkpointName, String position);

    /** The page's writes: upserts returning how many rows were inserted, updated and marked deleted. */
    @FunctionalInterface
    interface PageWrite {
        PageCounts write(JdbcClient jdbc);
    }
}
