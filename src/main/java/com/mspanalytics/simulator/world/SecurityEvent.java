package com.mspanalytics.simulator.world;

import java.time.Instant;

/**
 * A SentinelOne threat or a Microsoft Defender alert, in world terms. {@code severity} is the normalised
 * severity (docs/simulator.md explains how each source's fields map to it); {@code classification} uses
 * the source's own vocabulary. Times after the observation instant are in the future and not yet visible.
 *
 * <p>Defender alerts belong to the incident {@code incidentId} (several alerts of a client can share one). When
 * {@code mergedIncidentId} is not null, Defender first opened that incident for the alert and an analyst merged it
 * into {@code incidentId} {@link #MERGE_DELAY} later: from then on Graph shows it as {@code redirected}.
 */
public record SecurityEvent(String id, Source source, Client client, String severity, String title,
                            String classification, String verdict, String device, Instant createdAt,
                            Instant acknowledgedAt, Instant resolvedAt, String incidentId, String mergedIncidentId) {

    public enum Source { SENTINELONE, DEFENDER }

    /** How long after the alert its own incident is merged into the client's open one. */
    public static final java.time.Duration MERGE_DELAY = java.time.Duration.ofMinutes(2);

    /** When {@link #mergedIncidentId} was redirected into {@link #incidentId}; null when it never was. */
    public Instant mergedAt() {
        return mergedIncidentId == null ? null : createdAt.plus(MERGE_DELAY);
    }

    SecurityEvent inIncident(String incident, String merged) {
        return new SecurityEvent(id, source, client, severity, title, classification, verdict, device, createdAt,
                acknowledgedAt, resolvedAt, incident, merged);
    }

    public Instant lastUpdate(Instant now) {
        if (!resolvedAt.isAfter(now)) return resolvedAt;
        if (!acknowledgedAt.isAfter(now)) return acknowledgedAt;
        return createdAt;
    }
}
