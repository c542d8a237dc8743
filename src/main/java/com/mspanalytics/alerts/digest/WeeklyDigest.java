package com.mspanalytics.alerts.digest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a weekly manager digest says (seed Phase 2), every number taken from a stored KPI result of the week
 * ({@link #results} names them), formatted by {@link DigestFormat}.
 *
 * @param narrative a few sentences on the week: Claude's when an LLM is configured, else {@link DigestNarrative}'s
 * @param link where the results can be read, or null when no public URL is configured
 */
record WeeklyDigest(String tenantName, DigestWeek week, String timeZone, String currency,
        Hours hours, Recovery recovery, List<Opportunity> opportunities, List<Tech> techs, Soc soc,
        List<String> openAnomalies, long openAnomalyCount, DigestNarrative.Text narrative,
        Map<String, UUID> results, @Nullable String link) {

    WeeklyDigest withNarrative(DigestNarrative.Text text) {
        return new WeeklyDigest(tenantName, week, timeZone, currency, hours, recovery, opportunities, techs, soc,
                openAnomalies, openAnomalyCount, text, results, link);
    }

    String subject() {
        return "Weekly digest for " + tenantName + ": week of " + week.monday() + " to " + week.sunday();
    }

    record Hours(@Nullable BigDecimal total, @Nullable BigDecimal billable, @Nullable BigDecimal billableShare,
            List<ClientHours> byClient) {

        String totalText() { return DigestFormat.hours(total); }

        String billableText() { return DigestFormat.hours(billable); }

        String shareText() { return DigestFormat.percent(billableShare); }
    }

    record ClientHours(String client, BigDecimal hours, BigDecimal billable) {

        String hoursText() { return DigestFormat.hours(hours); }

        String billableText() { return DigestFormat.hours(billable); }
    }

    record Recovery(@Nullable BigDecimal total, @Nullable BigDecimal hours, String currency, List<ClientRecovery> clients) {

        String totalText() { return DigestFormat.money(total, currency); }

        String hoursText() { return DigestFormat.hours(hours); }
    }

    record ClientRecovery(String client, BigDecimal hours, BigDecimal amount, String currency) {

        String hoursText() { return DigestFormat.hours(hours); }

        String amountText() { return DigestFormat.money(amount, currency); }
    }

    record Opportunity(String client, String category, long tickets, BigDecimal hours, String offering) {

        String hoursText() { return DigestFormat.hours(hours); }
    }

    record Tech(String name, long closed, @Nullable BigDecimal medianResolutionHours, @Nullable BigDecimal fcrRate,
            @Nullable BigDecimal csatPositiveRate, @Nullable BigDecimal utilization) {

        String resolutionText() { return DigestFormat.hours(medianResolutionHours); }

        String fcrText() { return DigestFormat.percent(fcrRate); }

        String csatText() { return DigestFormat.percent(csatPositiveRate); }

        String utilizationText() { return DigestFormat.percent(utilization); }
    }

    record Soc(long events, long breaches, List<Sla> bySeverity) {
    }

    record Sla(String severity, long events, long breaches, @Nullable BigDecimal compliance) {

        String complianceText() { return DigestFormat.percent(compliance); }
    }
}
