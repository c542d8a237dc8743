package com.mspanalytics.kpi;

import com.mspanalytics.sync.SyncCompleted;
import com.mspanalytics.sync.SyncStatus;
import com.mspanalytics.tenant.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * After a sync stored new data, every KPI of that tenant is recomputed (with its default window
 * ending today), so that dashboards, anomalies and alerts follow the data without a separate job.
 * Runs on the sync worker thread, after the run is recorded; a failing KPI is logged, not fatal.
 */
@Component
@ConditionalOnProperty(name = "msp.kpi.recompute-after-sync", havingValue = "true", matchIfMissing = true)
class KpiRecomputation {

    private static final Logger log = LoggerFactory.getLogger(KpiRecomputation.class);

    private final KpiService kpis;

    KpiRecomputation(KpiService kpis) {
        this.kpis = kpis;
    }

    @EventListener
    void on(SyncCompleted event) {
        if (event.run().status() != SyncStatus.SUCCEEDED || event.run().inserted() + event.run().updated()
                + event.run().deleted() == 0) {
            return;
        }
        try {
            TenantContext.runAs(event.tenant(), () -> kpis.computeAll(null));
        } catch (RuntimeException e) {
            log.error("Recomputing KPIs after sync {} of tenant {} failed", event.run().runId(), event.tenant(), e);
        }
    }
}
