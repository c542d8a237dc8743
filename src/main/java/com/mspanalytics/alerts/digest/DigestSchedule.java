package com.mspanalytics.alerts.digest;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Looks for due digests every {@code msp.digest.check-interval}, once across all nodes (the job scheduler). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "msp.digest.schedule-enabled", havingValue = "true", matchIfMissing = true)
class DigestSchedule {

    @Bean
    RecurringTask<Void> weeklyDigestJob(Digests digests, DigestProperties properties, Clock clock) {
        return Tasks.recurring("weekly-digests", FixedDelay.of(properties.checkInterval()))
                .execute((instance, context) -> digests.sendDue(clock.instant()));
    }
}
