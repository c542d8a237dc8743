package com.mspanalytics.outbound;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How fast one tenant's calls to a service may go, so that a long first sync stays within what the service
 * documents rather than running into its 429s (ConnectWise's developer guide: "more than 1,000 requests/minute will
 * likely be limited"; SmileBack 30 requests/minute/customer). The limit is per application instance.
 *
 * @param enabled unset means "per run mode": on in production, off in embedded mode (the simulators have no limit)
 * @param requestsPerMinute per service as {@link UpstreamCalls} names it (ConnectWise, SmileBack, …; any case);
 *        calls are spaced evenly, 60 s / n apart; services not listed are not paced
 * @param maxWait the longest a call waits for its turn before it fails
 */
@ConfigurationProperties("msp.connectors.pace")
record PaceProperties(
        Boolean enabled,
        Map<String, Integer> requestsPerMinute,
        @DefaultValue("5m") Duration maxWait) {

    PaceProperties {
        TreeMap<String, Integer> limits = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (requestsPerMinute != null) {
            requestsPerMinute.forEach((service, perMinute) -> {
                if (perMinute == null || perMinute < 1) {
                    throw new IllegalArgumentException("msp.connectors.pace.requests-per-minute." + service
                            + " must be a whole number of at least 1");
                }
                limits.put(service, perMinute);
            });
        }
        requestsPerMinute = limits;
    }

    /** How far apart one tenant's calls to {@code service} must be, when it is paced. */
    Optional<Duration> spacing(String service) {
        return Optional.ofNullable(requestsPerMinute.get(service)).map(n -> Duration.ofNanos(60_000_000_000L / n));
    }
}
