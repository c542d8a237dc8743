package com.mspanalytics.alerts.digest;

import com.mspanalytics.kpi.KpiCatalog;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a weekly manager digest says (seed Phase 2), every number taken from a stored KPI result of the week
 * ({@link #results} names them), formatted by {@link DigestFormat}.
 *
 * <p>Public, with public accessors, because the templates read it through OGNL, which calls only public methods.
 *
 * @param narrative a few sentences on the week: Claude's when an LLM is configured, else {@link DigestNarrative}'s
 * @param link where the results can be read, or null when no public URL is configured
 */
public record WeeklyDigest(String tenantName, DigestWeek week, String timeZone, String currency,
        Hours hours, Recovery recovery, List<Opportunity> opportunities, List<Tech> techs, Soc soc,
        List<String> openAnomalies, long openAnomalyCount, DigestNarrative.Text narrative,
        Map<String, UUID> results, @Nullable String link) {

    public WeeklyDigest withNarrative(DigestNarrative.Text text) {
        return new WeeklyDigest(tenantName, week, timeZone, currency, hours, recovery, opportunities, techs, soc,
                openAnomalies, openAnomalyCount, text, results, link);
    }

    /** The footer's account of where the figures come from, in words a manager reads ("... Agreement Mismatch, ..."). */
    public String sourcesText() {
        return "Figures from the " + results.size() + " KPI results computed for this week: "
                + results.keySet().stream().map(slug -> KpiCatalog.find(slug).map(KpiCatalog.Entry::title).orElse(slug))
                        .collect(java.util.stream.Collectors.joining(", "))
                + ". Each is stored with its window and assumptions, and can be read in the dashboard or the API.";
    }

    public String subject() {
        return "Weekly digest for " + tenantName + ": week of " + week.monday() + " to " + week.sunday();
    }

    public record Hours(@Nullable BigDecimal total, @Nullable BigDecimal billable, @Nullable BigDecimal billableShare,
            List<ClientHours> byClient) {

        public String totalText() { return DigestFormat.hours(total); }

        public String billableText() { return DigestFormat.hours(billable); }

        public String shareText() { return DigestFormat.percent(billableShare); }
    }

    public record ClientHours(String client, BigDecimal hours, BigDecimal billable) {

        public String hoursText() { return DigestFormat.hours(hours); }

        public String billableText() { return DigestFormat.hours(billable); }
    }

    /**
     * Work outside agreements: {@code total} recoverable (not going to be billed) and, beside it, what is already
     * billed outside agreement (a sign of a mis-scoped agreement, never recoverable).
     */
    public record Recovery(@Nullable BigDecimal total, @Nullable BigDecimal hours, @Nullable BigDecimal billed,
            @Nullable BigDecimal billedHours, String currency, List<ClientRecovery> clients) {

        public String totalText() { return DigestFormat.money(total, currency); }

        public String hoursText() { return DigestFormat.hours(hours); }

        public String billedText() { return DigestFormat.money(billed, currency); }

        public String billedHoursText() { return DigestFormat.hours(billedHours); }
    }

    public record ClientRecovery(String client, BigDecimal hours, BigDecimal amount, BigDecimal billedHours,
            String currency) {

        public String hoursText() { return DigestFormat.hours(hours); }

        public String amountText() { return DigestFormat.money(amount, currency); }

        public String billedHoursText() { return DigestFormat.hours(billedHours); }
    }

    public record Opportunity(String client, String category, long tickets, BigDecimal hours, String offering) {

        public String hoursText() { return DigestFormat.hours(hours); }
    }

    public record Tech(String name, long closed, @Nullable BigDecimal medianResolutionHours, @Nullable BigDecimal fcrRate,
            @Nullable BigDecimal csatPositiveRate, @Nullable BigDecimal utilization) {

        public String resolutionText() { return DigestFormat.hours(medianResolutionHours); }

        public String fcrText() { return DigestFormat.percent(fcrRate); }

        public String csatText() { return DigestFormat.percent(csatPositiveRate); }

        public String utilizationText() { return DigestFormat.percent(utilization); }
    }

    public record Soc(long events, long breaches, List<Sla> bySeverity) {
    }

    public record Sla(String severity, long events, long breaches, @Nullable BigDecimal compliance) {

        public String complianceText() { return DigestFormat.percent(compliance); }
    }
}
