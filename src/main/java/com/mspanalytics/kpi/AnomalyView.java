package com.mspanalytics.kpi;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An anomaly as {@code GET /anomalies} lists it. */
public record AnomalyView(String kpi, String dimension, String key, String period, String status,
        AnomalyDetails details, UUID resultId, OffsetDateTime firstSeenAt, @Nullable OffsetDateTime acknowledgedAt) {
}
