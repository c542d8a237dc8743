package com.mspanalytics.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A stored result's headline, read without the result: what tiles and sparklines need. */
public record StoredHeadline(UUID resultId, LocalDate asOf, Instant computedAt, Headline headline) {
}
