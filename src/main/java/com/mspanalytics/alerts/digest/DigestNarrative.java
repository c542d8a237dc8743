package com.mspanalytics.alerts.digest;

import com.mspanalytics.kpi.Headline;
import com.mspanalytics.kpi.KpiBody;
import com.mspanalytics.kpi.KpiResult;
import com.mspanalytics.llm.LlmSummaries;
import com.mspanalytics.llm.LlmUnavailable;
import com.mspanalytics.tenant.TenantContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The digest's opening paragraph. With an LLM configured for the tenant, Claude writes it from the digest's figures
 * (through {@link LlmSummaries}: same data fencing, budget and usage records as any summary); without one, or when
 * Claude is unavailable or the budget is spent, fixed rules write it from the same figures, so a digest always
 * goes out and never says what its numbers do not.
 */
@Component
class DigestNarrative {

    private static final Logger log = LoggerFactory.getLogger(DigestNarrative.class);

    /** @param byAi whether a language model wrote it (the e-mail says so) */
    public record Text(String text, boolean byAi) {

        static final Text NONE = new Text("", false);
    }

    private final LlmSummaries llm;
    private final Clock clock;

    DigestNarrative(LlmSummaries llm, Clock clock) {
        this.llm = llm;
        this.clock = clock;
    }

    Text write(WeeklyDigest digest) {
        try {
            return llm.summarize(asResult(digest)).map(summary -> new Text(summary.summary(), true))
                    .orElseGet(() -> new Text(rules(digest), false));
        } catch (LlmUnavailable e) {
            log.info("Weekly digest of tenant {} uses the rule-based summary: {}", TenantContext.require(), e.outcome());
            return new Text(rules(digest), false);
        }
    }

    /** The digest's figures in the shape of a KPI result, the one thing the LLM feature summarises. */
    private KpiResult asResult(WeeklyDigest d) {
        Figures figures = new Figures(
                new Figures.Hours(d.hours().totalText(), d.hours().billableText(), d.hours().shareText(),
                        d.hours().byClient().stream().limit(WeeklyDigests.TOP)
                                .map(c -> new Figures.ClientHours(c.client(), c.hoursText())).toList()),
                new Figures.OutsideAgreements(d.recovery().totalText(), d.recovery().hoursText(),
                        d.recovery().billedText(), d.recovery().billedHoursText(), d.recovery().clients().stream()
                                .map(c -> new Figures.ClientRecovery(c.client(), c.hoursText(), c.amountText(),
                                        c.billedHoursText()))
                                .toList()),
                d.opportunities().stream().map(o -> new Figures.Opportunity(o.client(), o.category(), o.tickets(),
                        o.hoursText(), o.offering())).toList(),
                d.techs().stream().map(t -> new Figures.Tech(t.name(), t.closed(), t.resolutionText(),
                        t.utilizationText())).toList(),
                new Figures.Soc(d.soc().events(), d.soc().breaches()), d.openAnomalyCount());
        return new KpiResult(UUID.randomUUID(), "weekly-digest", TenantContext.require().toString(),
                new KpiResult.Window(d.week().monday(), d.week().sunday(), d.week().sunday(), d.timeZone()), Map.of(),
                Instant.now(clock), new Brief(figures));
    }

    /** The digest's figures as the body of a result: the summary, no rows. */
    private record Brief(Figures summary) implements KpiBody {

        @Override
        public List<?> rows() {
            return List.of();
        }

        @Override
        public Headline headline() {
            return Headline.count("open anomalies", summary.openAnomalies(), Headline.Better.LOWER);
        }
    }

    /** What the LLM reads of a digest: its figures as the e-mail prints them. */
    record Figures(Hours hours, OutsideAgreements workOutsideAgreements, List<Opportunity> topSalesOpportunities90Days,
            List<Tech> techs, Soc soc, long openAnomalies) {

        record Hours(String total, String billable, String billableShare, List<ClientHours> topClients) {
        }

        record ClientHours(String client, String hours) {
        }

        record OutsideAgreements(String recoverableUnbilled, String unbilledHours, String billedOutsideAgreements,
                String billedOutsideHours, List<ClientRecovery> clients) {
        }

        record ClientRecovery(String client, String unbilledHours, String recoverable, String billedOutsideHours) {
        }

        record Opportunity(String client, String issue, long tickets, String hours, String offer) {
        }

        record Tech(String tech, long closed, String medianResolutionHours, String utilization) {
        }

        record Soc(long events, long slaBreaches) {
        }
    }

    static String rules(WeeklyDigest d) {
        List<String> sentences = new ArrayList<>();
        sentences.add("In the week of " + d.week().monday() + " to " + d.week().sunday() + " the team logged "
                + d.hours().totalText() + " hours, " + d.hours().shareText() + " of them billable.");
        if (d.recovery().total() != null && d.recovery().total().signum() > 0) {
            WeeklyDigest.ClientRecovery top = d.recovery().clients().get(0);
            sentences.add(d.recovery().hoursText() + " hours of work outside agreements went unbilled ("
                    + d.recovery().totalText() + " recoverable), most of it at " + top.client() + ".");
        } else {
            sentences.add("No unbilled work fell outside agreements.");
        }
        if (d.recovery().billed() != null && d.recovery().billed().signum() > 0) {
            sentences.add(d.recovery().billedHoursText() + " hours were billed outside agreements ("
                    + d.recovery().billedText() + "); where a client keeps paying for the same work, its agreement "
                    + "may need re-scoping.");
        }
        if (!d.opportunities().isEmpty()) {
            WeeklyDigest.Opportunity top = d.opportunities().get(0);
            sentences.add("The strongest sales opportunity is " + top.client() + ": " + top.tickets() + " "
                    + top.category() + " tickets (" + top.hoursText() + " hours in 90 days); offer: " + top.offering() + ".");
        }
        sentences.add(d.soc().events() + " security events, " + d.soc().breaches() + " SLA "
                + (d.soc().breaches() == 1 ? "breach" : "breaches") + ".");
        sentences.add(d.openAnomalyCount() == 0 ? "No anomalies are open."
                : d.openAnomalyCount() + (d.openAnomalyCount() == 1 ? " anomaly is" : " anomalies are") + " open.");
        return String.join(" ", sentences);
    }
}
