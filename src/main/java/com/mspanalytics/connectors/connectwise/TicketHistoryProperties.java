package com.mspanalytics.connectors.connectwise;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the ticket-history entity reads ConnectWise's audit trail, one call (or more) per ticket.
 *
 * @param horizon only tickets whose {@code lastUpdated} is at most this long before the newest synced ticket's get
 *     their history: the first run of a large tenant reads the tickets KPI 03's 90-day window needs, with a month to
 *     spare, not its whole past (older closed tickets have no history and are left out of the reopen rate)
 * @param concurrency audit-trail calls in flight at once per run (each still retried and circuit-broken; ConnectWise
 *     throttles integrations above about 1,000 requests a minute)
 * @param batchSize tickets whose trails are written in one transaction with the checkpoint after them
 */
@ConfigurationProperties("msp.connectors.connectwise.history")
record TicketHistoryProperties(
        @DefaultValue("120d") Duration horizon,
        @DefaultValue("4") int concurrency,
        @DefaultValue("100") int batchSize) {

    TicketHistoryProperties {
        if (concurrency < 1 || batchSize < 1) {
            throw new IllegalArgumentException("msp.connectors.connectwise.history concurrency and batch-size must be >= 1");
        }
    }
}
