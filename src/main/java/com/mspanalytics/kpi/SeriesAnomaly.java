package com.mspanalytics.kpi;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A key's figure in the judged period against its baseline: KPI 04's hours of a client (or client×domain), KPI 11's
 * tickets of a client, domain or client×domain, KPI 12's security events of a client.
 *
 * @param z (current − mean) / population stddev; null when the baseline is flat
 * @param changePct 100 × (current − mean) / mean; null where the KPI does not judge on it or the mean is 0
 * @param poissonTail the Poisson tail probability that judged a flat baseline; null otherwise
 * @param direction "spike" or "drop" for counts, "rising" or "falling" for hours
 * @param clientName the client's name where the key is a client identifier
 * @param exampleTicketIds up to five tickets of the period, newest first (none for hours and events)
 */
@Schema(name = "SeriesAnomaly")
public record SeriesAnomaly(Measure measure, BigDecimal current, BigDecimal baselineMean, BigDecimal baselineStddev,
        @Nullable BigDecimal z, @Nullable BigDecimal changePct, @Nullable Double poissonTail, String direction,
        @Nullable String clientName, List<Long> exampleTicketIds) implements AnomalyDetails {

    /** What is counted. */
    public enum Measure {
        @JsonProperty("tickets") TICKETS,
        @JsonProperty("hours") HOURS,
        @JsonProperty("events") EVENTS
    }
}
