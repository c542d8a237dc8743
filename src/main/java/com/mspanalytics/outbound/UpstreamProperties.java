package com.mspanalytics.outbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How {@link UpstreamCalls} retries and breaks circuits.
 *
 * @param maxAttempts tries per call, the first included, on 429, 5xx and broken connections
 * @param initialBackoff wait before the first retry when the service gives no Retry-After; doubles, with jitter
 * @param maxBackoff longest wait between tries, Retry-After included
 * @param circuitOpenFor how long calls of one tenant to one service stop after most recent calls failed
 */
@ConfigurationProperties("msp.connectors.retry")
record UpstreamProperties(
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("500ms") Duration initialBackoff,
        @DefaultValue("60s") Duration maxBackoff,
        @DefaultValue("30s") Duration circuitOpenFor) {
}
