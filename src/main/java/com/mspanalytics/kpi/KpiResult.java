package com.mspanalytics.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A stored computation as api.md and kpis.md show it. */
public record KpiResult(UUID id, String kpi, String tenant, Window window, Map<String, Object> params,
        Instant computedAt, Map<String, Object> summary, List<Map<String, Object>> rows) {

    public record Window(LocalDate from, LocalDate to, LocalDate asOf, String timeZone) {
    }
}
