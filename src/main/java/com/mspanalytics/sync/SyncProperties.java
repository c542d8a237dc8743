package com.mspanalytics.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param workers runs executed at once by this node
 * @param waitTimeout longest {@code ?wait=true} wait before answering 202 with the run as it is
 * @param staleAfter an active run whose heartbeat is older is taken as dead (its node crashed) and
 *     replaced by the next start; it resumes from the last checkpoint
 * @param frequentInterval schedule of tickets and time entries
 * @param hourlyInterval schedule of everything else
 * @param scheduleEnabled whether this node runs the scheduler at all
 */
@ConfigurationProperties("msp.sync")
public record SyncProperties(
        @DefaultValue("4") int workers,
        @DefaultValue("5m") Duration waitTimeout,
        @DefaultValue("2m") Duration staleAfter,
        @DefaultValue("15m") Duration frequentInterval,
        @DefaultValue("1h") Duration hourlyInterval,
        @DefaultValue("true") boolean scheduleEnabled) {
}
