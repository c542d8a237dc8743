package com.mspanalytics.sync;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One run as docs/api.md shows it ({@code GET /sync/runs/{runId}}). */
public record SyncRun(UUID runId, String entity, SyncStatus status, String trigger, OffsetDateTime queuedAt,
        @Nullable OffsetDateTime startedAt, @Nullable OffsetDateTime finishedAt, long fetched, long inserted,
        long updated, long deleted, @Nullable String error) {
}
