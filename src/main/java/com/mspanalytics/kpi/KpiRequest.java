package com.mspanalytics.kpi;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /compute/kpi/{slug}}; every field optional (docs/kpis.md, common ground). A window
 * is either {@code from}+{@code to} or {@code lookbackDays} ending at {@code asOf}.
 */
@Schema(description = "Window and parameters; all optional")
public record KpiRequest(
        @Schema(description = "First day, inclusive, in the tenant's time zone") @Nullable LocalDate from,
        @Schema(description = "Last day, inclusive") @Nullable LocalDate to,
        @Schema(description = "Days ending at asOf (inclusive), instead of from/to") @Nullable Integer lookbackDays,
        @Schema(description = "The day the computation stands on; default today in the tenant's time zone") @Nullable LocalDate asOf,
        @Schema(description = "KPI parameters overriding tenant settings and defaults") @Nullable Map<String, Object> params) {

    public static final KpiRequest DEFAULTS = new KpiRequest(null, null, null, null, null);
}
