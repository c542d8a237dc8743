package com.mspanalytics.alerts;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One message sent (or not) to a tenant's people, as {@code GET /notifications} lists it. */
@Schema(description = "A Slack alert or e-mail digest and what became of it")
public record Notification(
        UUID id,
        @Schema(allowableValues = {"slack", "email"}) String channel,
        @Schema(description = "The KPI an alert is about, or weekly-digest / digest-manual") String subject,
        @Schema(description = "The digest's week (its first day)") @Nullable String period,
        @Schema(description = "The KPI result that raised the alert") @Nullable UUID resultId,
        @Schema(description = "Anomalies announced, or digest recipients") int items,
        @Schema(allowableValues = {"sending", "sent", "failed"}) String status,
        int attempts,
        @Schema(description = "Why delivery failed; never a secret or the service's response body") @Nullable String error,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
