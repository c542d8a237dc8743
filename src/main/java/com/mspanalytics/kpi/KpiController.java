package com.mspanalytics.kpi;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@Tag(name = "KPIs", description = "The twelve KPIs of the product, computed in PostgreSQL and stored with their parameters")
class KpiController {

    private final KpiService kpis;

    KpiController(KpiService kpis) {
        this.kpis = kpis;
    }

    @PostMapping("/compute/kpi/{slug}")
    @Operation(summary = "Compute a KPI now and store the result (permission: compute)",
            description = "Body optional: {from, to} or {lookbackDays, asOf}, and params overriding defaults. "
                    + "Unknown params, a bad window or from after to answer 400 naming the field.")
    @ApiResponse(responseCode = "200", description = "The result, stored")
    @ApiResponse(responseCode = "404", description = "No such KPI")
    KpiResult compute(@PathVariable String slug, @RequestBody(required = false) KpiRequest request) {
        return kpis.compute(slug, request == null ? KpiRequest.DEFAULTS : request);
    }

    @PostMapping("/compute/kpi/all")
    @Operation(summary = "Compute every KPI with its default window (permission: compute)",
            description = "Body optional: only asOf is used.")
    List<KpiResult> computeAll(@RequestBody(required = false) KpiRequest request) {
        return kpis.computeAll(request == null ? null : request.asOf());
    }

    @GetMapping("/kpi/{slug}/latest")
    @Operation(summary = "The latest stored result of a KPI (permission: read)")
    KpiResult latest(@PathVariable String slug) {
        return kpis.latest(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No result of " + slug + " yet; compute it with POST /compute/kpi/" + slug + "."));
    }

    @GetMapping("/kpi/{slug}/results")
    @Operation(summary = "Stored results of a KPI, newest first (permission: read)")
    List<KpiResult> results(@PathVariable String slug, @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
        return kpis.results(slug, limit);
    }

    @GetMapping("/anomalies")
    @Operation(summary = "Anomalies found by KPIs 04, 11 and 12, newest first (permission: read)")
    List<AnomalyView> anomalies(@RequestParam(required = false) @Pattern(regexp = "open|acknowledged") String status,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return kpis.anomalies(status, limit);
    }

    @PostMapping("/anomalies/acknowledge")
    @Operation(summary = "Acknowledge an anomaly (permission: compute)")
    ResponseEntity<Void> acknowledge(@RequestBody @Validated AnomalyKey key, java.security.Principal caller) {
        if (!kpis.acknowledge(key.kpi(), key.dimension(), key.key(), key.period(), caller.getName(), key.note())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such anomaly.");
        }
        return ResponseEntity.noContent().build();
    }

    /** @param note optional: what was done about it (at most 1,000 characters) */
    record AnomalyKey(@NotBlank String kpi, @NotBlank String dimension, @NotBlank String key, @NotBlank String period,
            @jakarta.validation.constraints.Size(max = 1000) String note) {
    }
}
