package com.mspanalytics.sync;

/**
 * One entity a tenant can sync from an external system (e.g. ConnectWise service tickets). Beans of
 * this type are discovered; each pulls what changed since its checkpoint and hands every page to
 * {@link SyncSession#commit}, which writes the rows and the new checkpoint in one transaction.
 *
 * <p>Implementations must be restartable at any page: after a crash the next run starts from the
 * last committed checkpoint, and upserts make a page seen twice harmless.
 */
public interface SyncSource {

    /** The name in {@code POST /sync/{entity}}, e.g. "tickets". */
    String entity();

    /** The connector whose credentials it needs, e.g. "connectwise". */
    String connector();

    /** Position in {@code POST /sync/all}: lower runs first (companies before tickets, tickets before time). */
    int order();

    /** Pulls to the end; throws {@link SyncFailure} (or any exception) to fail the run. */
    void pull(SyncSession session);
}
