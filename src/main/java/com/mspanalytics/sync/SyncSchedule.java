package com.mspanalytics.sync;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Replaces the seed's n8n cron: recurring syncs of every tenant, run by the job scheduler
 * ({@code scheduling/JobScheduler}) once per interval however many nodes run. Tickets and time
 * entries every {@code msp.sync.frequent-interval} (15 min), everything else every
 * {@code msp.sync.hourly-interval}. Each job only queues runs; the runs execute like API-started ones.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "msp.sync.schedule-enabled", havingValue = "true", matchIfMissing = true)
class SyncSchedule {

    /** SOC events too: a critical one must be acknowledged within 15 minutes. */
    static final Set<String> FREQUENT = Set.of("tickets", "time-entries", "sentinelone", "defender");
    private static final Logger log = LoggerFactory.getLogger(SyncSchedule.class);

    private final SyncService sync;
    private final JdbcClient jdbc;
    private final MeterRegistry executions;

    SyncSchedule(SyncService sync, JdbcClient jdbc, MeterRegistry meters) {
        this.sync = sync;
        this.jdbc = jdbc;
        this.executions = meters;
    }

    @Bean
    RecurringTask<Void> frequentSyncs(SyncProperties properties) {
        return Tasks.recurring("sync-frequent", FixedDelay.of(properties.frequentInterval()))
                .execute((instance, context) -> queueEveryTenant(true));
    }

    @Bean
    RecurringTask<Void> hourlySyncs(SyncProperties properties) {
        return Tasks.recurring("sync-hourly", FixedDelay.of(properties.hourlyInterval()))
                .execute((instance, context) -> queueEveryTenant(false));
    }

    /** Queues the tenant's configured entities of one group; @return how many runs were started or found. */
    int queueEveryTenant(boolean frequent) {
        executions.counter("msp.sync.schedule.executions", "job", frequent ? "sync-frequent" : "sync-hourly").increment();
        int queued = 0;
        for (UUID id : jdbc.sql("SELECT all_tenant_ids()").query(UUID.class).list()) {
            TenantId tenant = new TenantId(id);
            queued += TenantContext.callAs(tenant, () -> queue(tenant, frequent));
        }
        return queued;
    }

    private int queue(TenantId tenant, boolean frequent) {
        List<String> entities = sync.configuredEntities().stream()
                .filter(entity -> FREQUENT.contains(entity) == frequent).toList();
        for (String entity : entities) {
            try {
                sync.start(entity, "schedule");
            } catch (RuntimeException e) {
                log.warn("Scheduled sync of {} for tenant {} not started: {}", entity, tenant, e.getMessage());
            }
        }
        return entities.size();
    }
}
