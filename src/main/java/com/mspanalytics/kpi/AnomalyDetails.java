package com.mspanalytics.kpi;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What is anomalous and by how much, as stored with an anomaly and read by the alerts and the digest: a figure
 * against its baseline ({@link SeriesAnomaly}, KPIs 04, 11 and 12) or a missed SOC target ({@link SlaBreach}).
 * The stored JSON names its kind, so it reads back as the record it was written from.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = SeriesAnomaly.class, name = "series"),
        @JsonSubTypes.Type(value = SlaBreach.class, name = "sla-breach")})
public sealed interface AnomalyDetails permits SeriesAnomaly, SlaBreach {
}
