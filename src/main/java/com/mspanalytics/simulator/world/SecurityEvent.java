package com.mspanalytics.simulator.world;

import java.time.Instant;

/**
 * A SentinelOne threat or a Microsoft Defender alert, in world terms. {@code severity} is the normalised
 * severity (docs/simulator.md explains how each source's fields map to it); {@code classification} uses
 * the source's own vocabulary. Times after the observation instant are in the future and not yet visible.
 */
public record SecurityEvent(String id, Source source, Client client, String severity, String title,
                            String classification, String verdict, String device, Instant createdAt,
                            Instant acknowledgedAt, Instant resolvedAt, String incidentId) {

    public enum Source { SENTINELONE, DEFENDER }

    public Instant lastUpdate(Instant now) {
        if (!resolvedAt.isAfter(now)) return resolvedAt;
        if (!acknowledgedAt.isAfter(now)) return acknowledgedAt;
        return createdAt;
    }
}
