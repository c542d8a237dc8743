package com.mspanalytics.dashboard;

import com.mspanalytics.kpi.KpiCatalog;
import com.mspanalytics.kpi.Headline;
import com.mspanalytics.kpi.KpiBody;
import com.mspanalytics.kpi.KpiResult;
import com.mspanalytics.kpi.KpiService;
import com.mspanalytics.llm.LlmSummaries;
import com.mspanalytics.llm.LlmUnavailable;
import com.mspanalytics.settings.TenantSettingsService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Builds a KPI's page from its latest stored result: it never computes a KPI. */
@Component
class KpiPages {

    private final KpiService kpis;
    private final TenantSettingsService settings;
    private final JsonMapper json;
    private final Clock clock;
    private final LlmSummaries llm;

    KpiPages(KpiService kpis, TenantSettingsService settings, JsonMapper json, Clock clock, LlmSummaries llm) {
        this.llm = llm;
        this.kpis = kpis;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    /** Empty for a slug that is not one of the twelve. */
    @Transactional(readOnly = true)
    Optional<KpiPage> build(String slug, PageFilter filter, boolean manager) {
        Optional<KpiCatalog.Entry> entry = KpiCatalog.find(slug);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        String currency = settings.current().currency();
        String csv = "/app/kpi/" + slug + ".csv";
        String api = "/kpi/" + slug + "/latest";
        Optional<KpiResult> latest = shown(slug, filter);
        if (latest.isEmpty()) {
            return Optional.of(new KpiPage(entry.get(), null, false, "not computed yet", "–", Rag.NONE, "", "", "", null,
                    null, List.of(), RecordTable.of(List.of()), csv, api, false, null));
        }
        KpiResult result = latest.get();
        Headline headline = result.headline();
        Optional<ChartSpec> chart = KpiCharts.of(result.body(KpiBody.class), currency);
        return Optional.of(new KpiPage(entry.get(), result.id().toString(), true, headline.label(), Formats.headline(headline, currency),
                Rag.of(headline, kpis.target(slug)), OverviewPages.targetText(headline, kpis.target(slug), currency),
                result.window().from() + " to " + result.window().to() + " (" + result.window().timeZone() + ")",
                Formats.age(result.computedAt(), clock.instant()), chart.orElse(null),
                chart.map(json::writeValueAsString).orElse(null), RecordTable.facts(result.summary()),
                RecordTable.of(result.rows()).forClient(filter.client()), csv, api, manager, null));
    }

    /** The latest result computed for a day up to the range's end: a page can look back, never recomputes. */
    private Optional<KpiResult> shown(String slug, PageFilter filter) {
        return kpis.standardResults(slug, null, filter.to(), 1).stream().findFirst();
    }

    /** The page with Claude's brief of the result it shows (or why there is none); empty for an unknown KPI. */
    Optional<KpiPage> withBrief(String slug, PageFilter filter) {
        return build(slug, filter, true).map(page -> page.withBrief(shown(slug, filter).map(this::brief)
                .orElse(new KpiPage.Brief("There is no result to brief yet.", null, null, false))));
    }

    private KpiPage.Brief brief(KpiResult result) {
        try {
            return llm.summarize(result).map(summary -> new KpiPage.Brief(summary.summary(), summary.model(),
                    Formats.count(summary.usage().inputTokens()) + " input + " + Formats.count(summary.usage().outputTokens())
                            + " output tokens, about US$" + summary.costEstimate().stripTrailingZeros().toPlainString(), true))
                    .orElse(new KpiPage.Brief("No AI is set up: an admin adds an Anthropic API key under Settings.",
                            null, null, false));
        } catch (LlmUnavailable e) {
            return new KpiPage.Brief("No brief now: " + e.getMessage(), null, null, false);
        }
    }

    /** The rows of the latest result as CSV; empty for an unknown KPI. */
    @Transactional(readOnly = true)
    Optional<String> csv(String slug, PageFilter filter) {
        if (KpiCatalog.find(slug).isEmpty()) {
            return Optional.empty();
        }
        RecordTable table = shown(slug, filter).map(r -> RecordTable.of(r.rows()).forClient(filter.client()))
                .orElse(RecordTable.of(List.of()));
        return Optional.of(Csv.of(table.columns(), table.rows().stream()
                .map(row -> row.stream().map(RecordTable.Cell::text).toList()).toList()));
    }
}
