package com.mspanalytics.dashboard;

import com.mspanalytics.kpi.KpiBody;
import com.mspanalytics.kpi.calculators.AgreementMismatchResult;
import com.mspanalytics.kpi.calculators.ClientTrainingNeedsResult;
import com.mspanalytics.kpi.calculators.ImprovementProjectsResult;
import com.mspanalytics.kpi.calculators.ProjectImpactResult;
import com.mspanalytics.kpi.calculators.SalesOpportunitiesResult;
import com.mspanalytics.kpi.calculators.SocMetricsResult;
import com.mspanalytics.kpi.calculators.TechComparisonResult;
import com.mspanalytics.kpi.calculators.TechEfficiencyResult;
import com.mspanalytics.kpi.calculators.TechProfileResult;
import com.mspanalytics.kpi.calculators.TechTrainingNeedsResult;
import com.mspanalytics.kpi.calculators.TicketTrendsResult;
import com.mspanalytics.kpi.calculators.TimeConsumptionResult;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The chart that fits each KPI, from its typed result: the first {@value #BARS} rows, most actionable first. */
final class KpiCharts {

    static final int BARS = 15;
    /** Columns of the tech × domain heatmap: beyond ten, cells get too narrow to read on a laptop. */
    static final int DOMAINS = 10;

    private KpiCharts() {
    }

    static Optional<ChartSpec> of(KpiBody body, String currency) {
        if (body instanceof SalesOpportunitiesResult r) {
            return bars("Expected saving by client and issue", r.rows(), o -> o.client() + " · " + o.category(), currency,
                    new Measure<>("expected saving", o -> number(o.expectedSaving())),
                    new Measure<>("cost to the MSP", o -> number(o.costToMsp())));
        }
        if (body instanceof ClientTrainingNeedsResult r) {
            return bars("Training tickets of flagged contacts and clients", r.rows(), KpiCharts::flaggedName, "tickets",
                    new Measure<>("training tickets", f -> f instanceof ClientTrainingNeedsResult.Contact c
                            ? (double) c.trainingTickets() : (double) ((ClientTrainingNeedsResult.Client) f).trainingTickets()));
        }
        if (body instanceof TechTrainingNeedsResult r) {
            return bars("Excess hours by tech and domain", r.rows().stream().filter(TechTrainingNeedsResult.Cell::flagged)
                    .toList(), c -> c.tech() + " · " + c.domain(), "h", new Measure<>("excess hours", c -> c.excessHours()));
        }
        if (body instanceof TimeConsumptionResult r) {
            List<TimeConsumptionResult.Total> clients = r.summary().totals().client();
            return stacked("Hours by client", clients, t -> t.clientName() != null ? t.clientName() : t.client(), "h",
                    new Measure<>("billable", t -> number(t.billableHours())),
                    new Measure<>("not billable", t -> number(t.hours().subtract(t.billableHours()))));
        }
        if (body instanceof AgreementMismatchResult r) {
            return bars("Work outside agreements by client", r.rows(), AgreementMismatchResult.Client::client, currency,
                    new Measure<>("recoverable", c -> number(c.recoverable())),
                    new Measure<>("billed outside agreement", c -> number(c.billedOutsideAgreement())));
        }
        if (body instanceof ImprovementProjectsResult r) {
            return bars("Yearly saving and project cost by issue", r.rows(),
                    p -> p.client() == null ? p.category() : p.client() + " · " + p.category(), currency,
                    new Measure<>("yearly saving", p -> number(p.annualSaving())),
                    new Measure<>("project cost", p -> number(p.projectCost())));
        }
        if (body instanceof TechEfficiencyResult r) {
            return bars("Utilization by tech", r.rows(), t -> t.name() != null ? t.name() : t.tech(), "%",
                    new Measure<>("utilization", t -> percent(t.utilization())));
        }
        if (body instanceof TechProfileResult r) {
            return techByDomain(r);
        }
        if (body instanceof TechComparisonResult r) {
            return bars("Composite score by tech (z, higher is better)", r.rows().stream()
                    .filter(TechComparisonResult.Tech::ranked).toList(), t -> t.name() != null ? t.name() : t.tech(), "z",
                    new Measure<>("composite", TechComparisonResult.Tech::composite));
        }
        if (body instanceof ProjectImpactResult r) {
            return bars("Tickets before and after each project", r.rows(), p -> p.client() + " · " + p.project(),
                    "tickets", new Measure<>("before", p -> (double) p.before()),
                    new Measure<>("after", p -> (double) p.after()));
        }
        if (body instanceof TicketTrendsResult r) {
            return bars("Ticket volume against its usual band", r.rows(),
                    a -> (a.clientName() != null ? a.clientName() : a.key()) + " · " + a.period(), "tickets",
                    new Measure<>("this period", a -> (double) a.count()),
                    new Measure<>("usual (baseline mean)", TicketTrendsResult.Anomaly::baselineMean));
        }
        if (body instanceof SocMetricsResult r) {
            List<Map.Entry<String, SocMetricsResult.Sla>> severities = List.copyOf(r.summary().slaCompliance().entrySet());
            Map<String, SocMetricsResult.Times> mtta = r.summary().mttaMinutes();
            Map<String, SocMetricsResult.Times> mttr = r.summary().mttrMinutes();
            return bars("Median time to acknowledge and resolve by severity, against the SLA", severities,
                    Map.Entry::getKey, "min",
                    new Measure<>("MTTA (median)", e -> mtta.containsKey(e.getKey()) ? number(mtta.get(e.getKey()).median()) : null),
                    new Measure<>("acknowledge target", e -> (double) e.getValue().ackTargetMinutes()),
                    new Measure<>("MTTR (median)", e -> mttr.containsKey(e.getKey()) ? number(mttr.get(e.getKey()).median()) : null),
                    new Measure<>("resolve target", e -> (double) e.getValue().resolveTargetMinutes()));
        }
        return Optional.empty();
    }

    /** Share of each tech's hours per domain: the team's busiest domains as columns, the techs as rows. */
    private static Optional<ChartSpec> techByDomain(TechProfileResult r) {
        if (r.rows().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Double> hoursByDomain = new java.util.LinkedHashMap<>();
        r.rows().forEach(t -> t.domains().forEach(d -> hoursByDomain.merge(d.domain(), d.hours(), Double::sum)));
        List<String> domains = hoursByDomain.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(DOMAINS).map(Map.Entry::getKey)
                .toList();
        ChartSpec.Series[] techs = r.rows().stream().limit(BARS).map(t -> new ChartSpec.Series(
                t.name() != null ? t.name() : t.tech(), domains.stream().map(domain -> t.domains().stream()
                        .filter(d -> d.domain().equals(domain)).findFirst()
                        .map(d -> d.hoursShare() == null ? 0.0 : Math.round(d.hoursShare() * 1000) / 10.0).orElse(0.0))
                        .toList()))
                .toArray(ChartSpec.Series[]::new);
        return Optional.of(ChartSpec.heatmap("Share of each tech's hours by domain", domains, "%", techs));
    }

    private record Measure<T>(String name, Function<T, @Nullable Double> value) {
    }

    @SafeVarargs
    private static <T> Optional<ChartSpec> bars(String title, List<T> rows, Function<T, String> label, String unit,
            Measure<T>... measures) {
        return chart(false, title, rows, label, unit, measures);
    }

    @SafeVarargs
    private static <T> Optional<ChartSpec> stacked(String title, List<T> rows, Function<T, String> label, String unit,
            Measure<T>... measures) {
        return chart(true, title, rows, label, unit, measures);
    }

    @SafeVarargs
    private static <T> Optional<ChartSpec> chart(boolean stacked, String title, List<T> rows, Function<T, String> label,
            String unit, Measure<T>... measures) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<T> shown = rows.stream().limit(BARS).toList();
        List<String> labels = shown.stream().map(label).toList();
        ChartSpec.Series[] series = java.util.Arrays.stream(measures)
                .map(m -> new ChartSpec.Series(m.name(), shown.stream().map(row -> {
                    Double value = m.value().apply(row);
                    return value == null ? 0.0 : value;
                }).toList()))
                .toArray(ChartSpec.Series[]::new);
        return Optional.of(stacked ? ChartSpec.stacked(title, labels, unit, series)
                : ChartSpec.bars(title, labels, unit, series));
    }

    private static String flaggedName(ClientTrainingNeedsResult.Flagged flagged) {
        return flagged instanceof ClientTrainingNeedsResult.Contact c ? c.contact() + " (" + c.client() + ")"
                : ((ClientTrainingNeedsResult.Client) flagged).client() + " (all users)";
    }

    private static @Nullable Double number(@Nullable BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }

    private static @Nullable Double percent(@Nullable Number share) {
        return share == null ? null : Math.round(share.doubleValue() * 1000) / 10.0;
    }
}
