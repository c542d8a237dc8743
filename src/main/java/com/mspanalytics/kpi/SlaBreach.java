package com.mspanalytics.kpi;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A critical or high security event past its acknowledge or resolve target (KPI 12).
 *
 * @param ackMinutes minutes to acknowledge; null while not acknowledged
 * @param ageMinutes age of an open event at the time the window is observed
 */
@Schema(name = "SlaBreach")
public record SlaBreach(String source, String eventId, String severity, String client,
        @Nullable String clientIdentifier, Instant createdAt, @Nullable BigDecimal ackMinutes,
        @Nullable BigDecimal resolveMinutes, @Nullable BigDecimal ageMinutes, int ackTargetMinutes,
        int resolveTargetMinutes, boolean ackBreached, boolean resolveBreached, boolean open) implements AnomalyDetails {
}
