package com.mspanalytics.alerts.digest;

import com.mspanalytics.alerts.AlertsProperties;
import com.mspanalytics.alerts.Figures;
import com.mspanalytics.kpi.AnomalyView;
import com.mspanalytics.kpi.KpiRequest;
import com.mspanalytics.kpi.KpiResult;
import com.mspanalytics.kpi.KpiService;
import com.mspanalytics.kpi.SeriesAnomaly;
import com.mspanalytics.kpi.calculators.AgreementMismatchResult;
import com.mspanalytics.kpi.calculators.SalesOpportunitiesResult;
import com.mspanalytics.kpi.calculators.SocMetricsResult;
import com.mspanalytics.kpi.calculators.TechEfficiencyResult;
import com.mspanalytics.kpi.calculators.TimeConsumptionResult;
import com.mspanalytics.settings.TenantSettings;
import com.mspanalytics.settings.TenantSettingsService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the current tenant's digest of a week: computes (and so stores) the KPIs it reports over that week,
 * hours, agreement mismatch, tech efficiency and SOC metrics on the week itself and sales opportunities on their
 * default 90 days ending with it, then reads the numbers out of those results. The open anomalies are today's.
 */
@Component
class WeeklyDigests {

    static final int TOP = 5;

    private final KpiService kpis;
    private final TenantSettingsService settings;
    private final DigestNarrative narrative;
    private final AlertsProperties alerts;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    WeeklyDigests(KpiService kpis, TenantSettingsService settings, DigestNarrative narrative, AlertsProperties alerts,
            JdbcClient jdbc, TransactionTemplate transaction) {
        this.transaction = transaction;
        this.kpis = kpis;
        this.settings = settings;
        this.narrative = narrative;
        this.alerts = alerts;
        this.jdbc = jdbc;
    }

    /** The digest of {@code week}; the KPIs are computed in one transaction, the narrative is written after it. */
    WeeklyDigest build(DigestWeek week) {
        WeeklyDigest digest = transaction.execute(status -> numbers(week));
        return digest.withNarrative(narrative.write(digest));
    }

    private WeeklyDigest numbers(DigestWeek week) {
        TenantSettings tenant = settings.current();
        KpiRequest theWeek = new KpiRequest(week.monday(), week.sunday(), null, week.sunday(), null);
        KpiResult time = kpis.compute("time-consumption", theWeek);
        KpiResult mismatch = kpis.compute("agreement-mismatch", theWeek);
        KpiResult efficiency = kpis.compute("tech-efficiency", theWeek);
        KpiResult soc = kpis.compute("soc-metrics", theWeek);
        KpiResult opportunities = kpis.compute("sales-opportunities",
                new KpiRequest(null, null, null, week.sunday(), null));
        List<AnomalyView> open = kpis.anomalies("open", 1000);

        Map<String, UUID> results = new LinkedHashMap<>();
        for (KpiResult result : List.of(time, mismatch, opportunities, efficiency, soc)) {
            results.put(result.kpi(), result.id());
        }
        String tenantName = jdbc.sql("SELECT name FROM tenants").query(String.class).single();
        return new WeeklyDigest(tenantName, week, tenant.timeZone(), tenant.currency(),
                hours(time), recovery(mismatch, tenant.currency()), opportunities(opportunities), techs(efficiency),
                soc(soc), open.stream().limit(TOP).map(WeeklyDigests::describe).toList(), open.size(),
                DigestNarrative.Text.NONE, results, alerts.link("/kpi"));
    }

    private static WeeklyDigest.Hours hours(KpiResult result) {
        TimeConsumptionResult.Summary summary = result.body(TimeConsumptionResult.class).summary();
        List<WeeklyDigest.ClientHours> clients = summary.totals().client().stream()
                .map(c -> new WeeklyDigest.ClientHours(c.clientName() != null ? c.clientName() : c.client(), c.hours(),
                        c.billableHours()))
                .toList();
        return new WeeklyDigest.Hours(summary.totalHours(), summary.billableHours(), summary.billableShare(), clients);
    }

    private static WeeklyDigest.Recovery recovery(KpiResult result, String currency) {
        AgreementMismatchResult body = result.body(AgreementMismatchResult.class);
        List<WeeklyDigest.ClientRecovery> clients = body.rows().stream().limit(TOP)
                .map(c -> new WeeklyDigest.ClientRecovery(c.client(), c.recoverableHours(), c.recoverable(),
                        c.billedOutsideHours(), currency))
                .toList();
        AgreementMismatchResult.Summary summary = body.summary();
        return new WeeklyDigest.Recovery(summary.totalRecoverable(), summary.recoverableHours(),
                summary.billedOutsideAgreement(), summary.billedOutsideHours(), currency, clients);
    }

    private static List<WeeklyDigest.Opportunity> opportunities(KpiResult result) {
        return result.body(SalesOpportunitiesResult.class).rows().stream().limit(3)
                .map(o -> new WeeklyDigest.Opportunity(o.client(), o.category(), o.ticketCount(), o.hours(), o.offering()))
                .toList();
    }

    private static List<WeeklyDigest.Tech> techs(KpiResult result) {
        return result.body(TechEfficiencyResult.class).rows().stream()
                .map(t -> new WeeklyDigest.Tech(t.name() != null ? t.name() : t.tech(), t.closed(),
                        decimal(t.medianResolutionHours()), decimal(t.fcrRate()), decimal(t.csatPositiveRate()),
                        decimal(t.utilization())))
                .toList();
    }

    private static WeeklyDigest.Soc soc(KpiResult result) {
        SocMetricsResult.Summary summary = result.body(SocMetricsResult.class).summary();
        List<WeeklyDigest.Sla> bySeverity = new ArrayList<>();
        long breaches = 0;
        for (Map.Entry<String, SocMetricsResult.Sla> entry : summary.slaCompliance().entrySet()) {
            SocMetricsResult.Sla sla = entry.getValue();
            breaches += sla.breaches();
            bySeverity.add(new WeeklyDigest.Sla(entry.getKey(), sla.n(), sla.breaches(), sla.compliance()));
        }
        return new WeeklyDigest.Soc(summary.events(), breaches, bySeverity);
    }

    /** One line per open anomaly: KPI, what, when, and the count or hours against the baseline. */
    private static String describe(AnomalyView a) {
        String figures = a.details() instanceof SeriesAnomaly d ? ": " + Figures.of(d.current()) + " vs baseline "
                + Figures.of(d.baselineMean()) + (d.z() == null ? "" : " (z " + Figures.of(d.z()) + ")") : "";
        return a.kpi() + " · " + a.dimension() + " " + a.key() + " · " + a.period() + figures;
    }

    private static @Nullable BigDecimal decimal(@Nullable Object value) {
        return value == null ? null : DigestFormat.decimal(value);
    }
}
