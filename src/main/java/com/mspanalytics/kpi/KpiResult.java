package com.mspanalytics.kpi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A stored computation as docs/api.md shows it: the envelope (id, kpi, window, params, computedAt) and the KPI's
 * own record, whose {@code summary} and {@code rows} are serialised beside the envelope's fields.
 */
@JsonPropertyOrder({"id", "kpi", "tenant", "window", "params", "computedAt", "headline", "summary", "rows"})
public record KpiResult(UUID id, String kpi, String tenant, Window window, Map<String, Object> params,
        Instant computedAt, @JsonIgnore KpiBody body) {

    public record Window(LocalDate from, LocalDate to, LocalDate asOf, String timeZone) {
    }

    @JsonProperty
    public Headline headline() {
        return body.headline();
    }

    @JsonProperty
    public Object summary() {
        return body.summary();
    }

    @JsonProperty
    public List<?> rows() {
        return body.rows();
    }

    /** The KPI's record; {@code type} is the {@link Kpi#resultType()} of {@link #kpi()}. */
    public <B extends KpiBody> B body(Class<B> type) {
        return type.cast(body);
    }
}
