package com.mspanalytics.kpi;

import java.util.List;

/** What a KPI computed, and the anomalies to record. */
public record KpiOutput<B extends KpiBody>(B body, List<Finding> anomalies) {

    public KpiOutput {
        anomalies = List.copyOf(anomalies);
    }

    public static <B extends KpiBody> KpiOutput<B> of(B body) {
        return new KpiOutput<>(body, List.of());
    }

    /**
     * An anomaly with a stable identity: the same (dimension, key, period) found by a later run is the
     * same anomaly and is not reported again.
     *
     * @param dimension e.g. "client", "client×domain", "severity"
     * @param key e.g. "Northwind" or "Northwind|Network"
     * @param period e.g. "2026-W47" or "2026-11-23"
     * @param details what is anomalous and by how much
     */
    public record Finding(String dimension, String key, String period, AnomalyDetails details) {
    }
}
