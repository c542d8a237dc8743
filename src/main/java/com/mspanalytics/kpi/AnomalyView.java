package com.mspanalytics.kpi;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An anomaly as {@code GET /anomalies} lists it.
 *
 * @param acknowledgedBy the signed-in user's e-mail or the API credential that acknowledged it
 * @param acknowledgementNote what was done about it, when the acknowledgement said
 */
public record AnomalyView(String kpi, String dimension, String key, String period, String status,
        AnomalyDetails details, UUID resultId, OffsetDateTime firstSeenAt, @Nullable OffsetDateTime acknowledgedAt,
        @Nullable String acknowledgedBy, @Nullable String acknowledgementNote) {
}
