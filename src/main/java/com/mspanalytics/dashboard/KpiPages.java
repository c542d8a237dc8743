package com.mspanalytics.dashboard;

import com.mspanalytics.kpi.Headline;
import com.mspanalytics.kpi.KpiBody;
import com.mspanalytics.kpi.KpiResult;
import com.mspanalytics.kpi.KpiService;
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

    KpiPages(KpiService kpis, TenantSettingsService settings, JsonMapper json, Clock clock) {
        this.kpis = kpis;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    /** Empty for a slug that is not one of the twelve. */
    @Transactional(readOnly = true)
    Optional<KpiPage> build(String slug) {
        Optional<KpiCatalog.Entry> entry = KpiCatalog.find(slug);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        String currency = settings.current().currency();
        String csv = "/app/kpi/" + slug + ".csv";
        String api = "/kpi/" + slug + "/latest";
        Optional<KpiResult> latest = kpis.latestStandard(slug);
        if (latest.isEmpty()) {
            return Optional.of(new KpiPage(entry.get(), null, false, "not computed yet", "–", Rag.NONE, "", "", "", null,
                    null, List.of(), RecordTable.of(List.of()), csv, api));
        }
        KpiResult result = latest.get();
        Headline headline = result.headline();
        Optional<ChartSpec> chart = KpiCharts.of(result.body(KpiBody.class), currency);
        return Optional.of(new KpiPage(entry.get(), result.id().toString(), true, headline.label(), Formats.headline(headline, currency),
                Rag.of(headline, kpis.target(slug)), OverviewPages.targetText(headline, kpis.target(slug), currency),
                result.window().from() + " to " + result.window().to() + " (" + result.window().timeZone() + ")",
                Formats.age(result.computedAt(), clock.instant()), chart.orElse(null),
                chart.map(json::writeValueAsString).orElse(null), RecordTable.facts(result.summary()),
                RecordTable.of(result.rows()), csv, api));
    }

    /** The rows of the latest result as CSV; empty for an unknown KPI. */
    @Transactional(readOnly = true)
    Optional<String> csv(String slug) {
        if (KpiCatalog.find(slug).isEmpty()) {
            return Optional.empty();
        }
        RecordTable table = kpis.latestStandard(slug).map(r -> RecordTable.of(r.rows())).orElse(RecordTable.of(List.of()));
        return Optional.of(Csv.of(table.columns(), table.rows().stream()
                .map(row -> row.stream().map(RecordTable.Cell::text).toList()).toList()));
    }
}
