package com.mspanalytics.kpi;

import java.util.List;
import java.util.Map;

/**
 * What a KPI computed: headline numbers, rows sorted most actionable first, and anomalies to record.
 */
public record KpiOutput(Map<String, Object> summary, List<Map<String, Object>> rows, List<Finding> anomalies) {

    public KpiOutput {
        summary = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(summary));
        rows = List.copyOf(rows);
        anomalies = List.copyOf(anomalies);
    }

    public static KpiOutput of(Map<String, Object> summary, List<Map<String, Object>> rows) {
        return new KpiOutput(summary, rows, List.of());
    }

    /**
     * An anomaly with a stable identity: the same (dimension, key, period) found by a later run is the
     * same anomaly and is not reported again.
     *
     * @param dimension e.g. "client", "client×domain", "severity"
     * @param key e.g. "Northwind" or "Northwind|Network"
     * @param period e.g. "2026-W47" or "2026-11-23"
     */
    public record Finding(String dimension, String key, String period, Map<String, Object> details) {
    }
}
