package com.mspanalytics.scheduling;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The node's one db-scheduler, running every {@link RecurringTask} bean the features declare (syncs, the weekly
 * digest). Executions live in PostgreSQL ({@code scheduled_tasks}), so with any number of nodes each job runs
 * once per interval, and a job that was due while every node was down runs when the first one is back.
 */
@Component
class JobScheduler implements SmartLifecycle {

    private final Scheduler scheduler;
    private volatile boolean running;

    JobScheduler(DataSource dataSource, ObjectProvider<RecurringTask<?>> tasks) {
        List<RecurringTask<?>> jobs = tasks.orderedStream().toList();
        this.scheduler = jobs.isEmpty() ? null : Scheduler.create(dataSource)
                .startTasks(jobs)
                .threads(2)
                .pollingInterval(Duration.ofSeconds(5))
                .build();
    }

    /** Started once the application is ready, so that no job runs before the migrations. */
    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        start();
    }

    @Override
    public void start() {
        if (!running && scheduler != null) {
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
