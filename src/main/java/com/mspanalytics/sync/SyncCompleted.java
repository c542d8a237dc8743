package com.mspanalytics.sync;

import com.mspanalytics.tenant.TenantId;

/** Published when a run has finished, successfully or not; listeners run on the sync worker thread. */
public record SyncCompleted(TenantId tenant, SyncRun run) {
}
