package com.mspanalytics.sync;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Replaces the seed's n8n cron: recurring syncs of every tenant, persisted in PostgreSQL by
 * db-scheduler, so that with any number of nodes each job runs once per interval. Tickets and time
 * entries every {@code msp.sync.frequent-interval} (15 min), everything else every
 * {@code msp.sync.hourly-interval}. Each job only queues runs; the runs execute like API-started ones.
 */
@Component
@ConditionalOnProperty(name = "msp.sync.schedule-enabled", havingValue = "true", matchIfMissing = true)
class SyncSchedule implements SmartLifecycle {

    /** SOC events too: a critical one must be acknowledged within 15 minutes. */
    static final Set<String> FREQUENT = Set.of("tickets", "time-entries", "sentinelone", "defender");
    private static final Logger log = LoggerFactory.getLogger(SyncSchedule.class);

    private final Scheduler scheduler;
    private final SyncService sync;
    private final JdbcClient jdbc;
    private final MeterRegistry executions;
    private volatile boolean running;

    SyncSchedule(DataSource dataSource, SyncService sync, JdbcClient jdbc, SyncProperties properties,
            MeterRegistry meters) {
        this.sync = sync;
        this.jdbc = jdbc;
        this.executions = meters;
        RecurringTask<Void> frequent = Tasks.recurring("sync-frequent", FixedDelay.of(properties.frequentInterval()))
                .execute((instance, context) -> queueEveryTenant(true));
        RecurringTask<Void> hourly = Tasks.recurring("sync-hourly", FixedDelay.of(properties.hourlyInterval()))
                .execute((instance, context) -> queueEveryTenant(false));
        this.scheduler = Scheduler.create(dataSource)
                .startTasks(frequent, hourly)
                .threads(2)
                .pollingInterval(Duration.ofSeconds(5))
                .build();
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

    /** Started once the application is ready, so that no job runs before the migrations. */
    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        start();
    }

    @Override
    public void start() {
        if (!running) {
            scheduler.start();
            running = true;
        }
    }

    @Override
    public void stop() {
        if (running) {
            scheduler.stop();
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return false;
    }
}
