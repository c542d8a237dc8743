package com.mspanalytics.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a tenant tunes (docs/kpis.md): money, time zone, how tickets map to domains, thresholds, category
 * maps, agreement coverage rules and SOC SLA targets. Every field is optional on input; an absent
 * field takes the documented default, so {@code GET /settings} always shows the full effective set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Tenant settings; absent fields take their defaults")
public record TenantSettings(
        @Schema(description = "What the MSP bills per hour", example = "150.00")
        @DecimalMin("0") @DecimalMax("100000") BigDecimal hourlyRate,
        @Schema(description = "What an hour of a tech costs the MSP", example = "60.00")
        @DecimalMin("0") @DecimalMax("100000") BigDecimal hourlyCost,
        @Schema(example = "CAD") @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code like CAD") String currency,
        @Schema(description = "IANA time zone in which windows and digests are computed", example = "America/Toronto")
        @ValidTimeZone String timeZone,
        @Schema(description = "Ticket field that defines the domain", allowableValues = {"type", "subType", "board"})
        @Pattern(regexp = "type|subType|board") String domainField,
        @Schema(description = "Entities with fewer samples are not ranked or flagged") @Min(1) @Max(1000) Integer minSample,
        @Schema(description = "Issue category (domain, or domain/subType/item) -> what to offer the client")
        @Size(max = 500) Map<@NotBlank String, @NotBlank String> categoryOfferings,
        @Schema(description = "Ticket types/subtypes/items that indicate a training need")
        @Size(max = 200) List<@NotBlank String> trainingCategories,
        @Schema(description = "Agreement type -> what it covers")
        @Size(max = 100) Map<@NotBlank String, @Valid CoverageRule> coverageRules,
        @Schema(description = "Severity (critical, high, medium, low) -> acknowledge and resolve targets in minutes")
        @Size(max = 10) Map<@Pattern(regexp = "critical|high|medium|low|informational") String, @Valid SlaTarget> slaTargets,
        @Schema(description = "Issue category -> estimated hours of a fix project (default 40)")
        @Size(max = 500) Map<@NotBlank String, @DecimalMin("1") BigDecimal> projectEffortHours,
        @Schema(description = "Issue category (domain, or domain/subType/item) -> share of its tickets that the offering "
                + "or fix project is expected to remove, 0-1 (unmapped: 0.25)")
        @Size(max = 500) Map<@NotBlank String, @DecimalMin("0") @DecimalMax("1") BigDecimal> expectedReductions,
        @Schema(description = "Member identifier -> daily capacity in hours (default 8)")
        @Size(max = 1000) Map<@NotBlank String, @DecimalMin("0") @DecimalMax("24") BigDecimal> dailyCapacityHours,
        @Valid DigestSchedule digest,
        @Schema(description = "KPI slug -> the red/amber/green thresholds of its headline figure on the dashboard; "
                + "KPIs not named keep their default target")
        @Size(max = 12) Map<@Pattern(regexp = "[a-z-]{3,40}") String, @Valid KpiTarget> kpiTargets) {

    public static final TenantSettings DEFAULTS = new TenantSettings(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);

    /** These settings with other KPI targets (the dashboard's settings page edits only these). */
    public TenantSettings withKpiTargets(Map<String, KpiTarget> targets) {
        return new TenantSettings(hourlyRate, hourlyCost, currency, timeZone, domainField, minSample, categoryOfferings,
                trainingCategories, coverageRules, slaTargets, projectEffortHours, expectedReductions,
                dailyCapacityHours, digest, Map.copyOf(targets));
    }

    /** These settings with other money, time zone and digest schedule (the dashboard's general settings form). */
    public TenantSettings withGeneral(BigDecimal hourlyRate, BigDecimal hourlyCost, String currency, String timeZone,
            DigestSchedule digest) {
        return new TenantSettings(hourlyRate, hourlyCost, currency, timeZone, domainField, minSample, categoryOfferings,
                trainingCategories, coverageRules, slaTargets, projectEffortHours, expectedReductions,
                dailyCapacityHours, digest, kpiTargets);
    }

    public TenantSettings {
        hourlyRate = hourlyRate != null ? hourlyRate : new BigDecimal("150.00");
        hourlyCost = hourlyCost != null ? hourlyCost : new BigDecimal("60.00");
        currency = currency != null ? currency : "CAD";
        timeZone = timeZone != null ? timeZone : "UTC";
        domainField = domainField != null ? domainField : "type";
        minSample = minSample != null ? minSample : 5;
        categoryOfferings = categoryOfferings != null ? categoryOfferings : defaultOfferings();
        trainingCategories = trainingCategories != null ? trainingCategories
                : List.of("How To", "Training", "User Error", "Password Reset", "Access Request");
        coverageRules = coverageRules != null ? coverageRules : defaultCoverage();
        slaTargets = slaTargets != null ? slaTargets : Map.of(
                "critical", new SlaTarget(15, 240),
                "high", new SlaTarget(60, 24 * 60),
                "medium", new SlaTarget(4 * 60, 72 * 60),
                "low", new SlaTarget(24 * 60, 7 * 24 * 60));
        projectEffortHours = projectEffortHours != null ? projectEffortHours : Map.of();
        expectedReductions = expectedReductions != null ? expectedReductions : defaultReductions();
        dailyCapacityHours = dailyCapacityHours != null ? dailyCapacityHours : Map.of();
        digest = digest != null ? digest : new DigestSchedule(null, null, null);
        kpiTargets = kpiTargets != null ? kpiTargets : Map.of();
    }

    private static Map<String, String> defaultOfferings() {
        Map<String, String> offerings = new LinkedHashMap<>();
        offerings.put("Backup", "Managed backup with monitored restores");
        offerings.put("Email", "Email security and anti-spam filtering");
        offerings.put("Spam", "Email security and anti-spam filtering");
        offerings.put("Hardware", "Hardware refresh (laptop lifecycle programme)");
        offerings.put("Laptop", "Hardware refresh (laptop lifecycle programme)");
        offerings.put("Network", "Network upgrade (managed Wi-Fi and switching)");
        offerings.put("Wi-Fi", "Network upgrade (managed Wi-Fi and switching)");
        offerings.put("Security", "Security awareness training and phishing simulation");
        offerings.put("Phishing", "Security awareness training and phishing simulation");
        offerings.put("Printer", "Managed print service");
        return offerings;
    }

    /**
     * What an offering or project removes, by what it fixes: a hardware refresh or monitored backups remove most
     * of their tickets, a managed print or network upgrade well over half, training only a fraction of how-to
     * questions (people still ask). Keys match like {@link #categoryOfferings}, most specific first.
     */
    private static Map<String, BigDecimal> defaultReductions() {
        Map<String, BigDecimal> reductions = new LinkedHashMap<>();
        reductions.put("Hardware", new BigDecimal("0.8"));
        reductions.put("Laptop", new BigDecimal("0.8"));
        reductions.put("Backup", new BigDecimal("0.8"));
        reductions.put("Printer", new BigDecimal("0.7"));
        reductions.put("Spam", new BigDecimal("0.7"));
        reductions.put("Email", new BigDecimal("0.5"));
        reductions.put("Network", new BigDecimal("0.6"));
        reductions.put("Wi-Fi", new BigDecimal("0.6"));
        reductions.put("Password Reset", new BigDecimal("0.5"));
        reductions.put("Security", new BigDecimal("0.4"));
        reductions.put("Phishing", new BigDecimal("0.5"));
        reductions.put("How To", new BigDecimal("0.3"));
        reductions.put("Training", new BigDecimal("0.3"));
        return reductions;
    }

    private static Map<String, CoverageRule> defaultCoverage() {
        return Map.of(
                "Managed Services", new CoverageRule(List.of("Service Desk", "Network", "SOC"),
                        List.of("Remote", "Onsite"), List.of("Projects")),
                "Block Hours", new CoverageRule(List.of("Service Desk", "Network"), List.of("Remote", "Onsite"),
                        List.of("Projects")),
                "Time & Materials", new CoverageRule(List.of(), List.of(), List.of()));
    }

    /**
     * @param boards boards the agreement covers (empty: none)
     * @param workTypes work types it covers (empty: none)
     * @param excludedBoards boards never covered, whatever else says
     */
    public record CoverageRule(@Size(max = 100) List<@NotBlank String> boards,
            @Size(max = 100) List<@NotBlank String> workTypes, @Size(max = 100) List<@NotBlank String> excludedBoards) {

        public CoverageRule {
            boards = boards != null ? boards : List.of();
            workTypes = workTypes != null ? workTypes : List.of();
            excludedBoards = excludedBoards != null ? excludedBoards : List.of();
        }
    }

    /**
     * Where a KPI's headline turns amber and red. Where lower is better, a value up to {@code green} is green, up to
     * {@code amber} amber, above it red; where higher is better, from {@code green} up green, from {@code amber} up
     * amber, below it red.
     */
    public record KpiTarget(@NotNull @DecimalMin("0") BigDecimal green, @NotNull @DecimalMin("0") BigDecimal amber) {
    }

    public record SlaTarget(@Min(1) @Max(525600) int acknowledgeMinutes, @Min(1) @Max(525600) int resolveMinutes) {
    }

    /**
     * @param dayOfWeek when the weekly digest goes out, in the tenant's time zone (default MONDAY)
     * @param hour hour of that day, 0-23 (default 7)
     * @param enabled whether to send it at all (default true when SMTP is configured)
     */
    public record DigestSchedule(DayOfWeek dayOfWeek, @Min(0) @Max(23) Integer hour, Boolean enabled) {

        public DigestSchedule {
            dayOfWeek = dayOfWeek != null ? dayOfWeek : DayOfWeek.MONDAY;
            hour = hour != null ? hour : 7;
            enabled = enabled != null ? enabled : Boolean.TRUE;
        }
    }
}
