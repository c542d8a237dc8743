package com.mspanalytics.dashboard;

import com.mspanalytics.kpi.KpiCatalog;
import com.mspanalytics.kpi.AnomalyView;
import com.mspanalytics.kpi.Headline;
import com.mspanalytics.kpi.KpiService;
import com.mspanalytics.kpi.StoredHeadline;
import com.mspanalytics.settings.TenantSettings;
import com.mspanalytics.settings.TenantSettingsService;
import com.mspanalytics.sync.SyncRun;
import com.mspanalytics.sync.SyncService;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Builds the overview from stored results only: it never computes a KPI. */
@Component
class OverviewPages {

    /** Stored results read per KPI: enough for the sparkline and the previous period. */
    static final int HISTORY = 12;
    static final int SPARK_POINTS = 8;
    static final int ATTENTION_ANOMALIES = 5;

    private final KpiService kpis;
    private final TenantSettingsService settings;
    private final SyncService sync;
    private final JdbcClient jdbc;
    private final Clock clock;

    OverviewPages(KpiService kpis, TenantSettingsService settings, SyncService sync, JdbcClient jdbc, Clock clock) {
        this.kpis = kpis;
        this.settings = settings;
        this.sync = sync;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    OverviewPage build(PageFilter filter) {
        TenantSettings tenant = settings.current();
        Instant now = clock.instant();
        List<OverviewPage.Tile> tiles = KpiCatalog.ALL.stream()
                .map(entry -> tile(entry, kpis.standardHeadlines(entry.slug(), filter.to(), HISTORY), filter,
                        tenant.currency(), now)).toList();
        List<SyncRun> runs = sync.recent(null, 50);
        String syncedAgo = runs.stream().filter(r -> r.finishedAt() != null)
                .max(Comparator.comparing(SyncRun::finishedAt))
                .map(r -> "synced " + Formats.age(r.finishedAt().toInstant(), now)).orElse("never synced");
        List<String> errors = runs.stream().filter(r -> r.error() != null).limit(3)
                .map(r -> r.entity() + ": " + r.error()).toList();
        List<AnomalyView> open = kpis.anomalies("open", ATTENTION_ANOMALIES);
        List<OverviewPage.Attention> attention = new ArrayList<>();
        tiles.stream().filter(t -> t.state() == Rag.RED)
                .forEach(t -> attention.add(new OverviewPage.Attention(t.title() + ": " + t.label() + " " + t.headline()
                        + ", " + t.state().words(), t.href())));
        open.stream().limit(ATTENTION_ANOMALIES).forEach(a -> attention.add(new OverviewPage.Attention(
                KpiCatalog.find(a.kpi()).map(KpiCatalog.Entry::title).orElse(a.kpi()) + ": " + a.key() + " in "
                        + a.period(), "/app/anomalies")));
        String tenantName = jdbc.sql("SELECT name FROM tenants").query(String.class).optional().orElse("");
        return new OverviewPage(tenantName, tiles, syncedAgo, errors, kpis.openAnomalies(), attention);
    }

    /** The latest result computed for a day up to the range's end; the sparkline, the results inside the range. */
    private OverviewPage.Tile tile(KpiCatalog.Entry entry, List<StoredHeadline> history, PageFilter filter, String currency,
            Instant now) {
        TenantSettings.KpiTarget target = kpis.target(entry.slug());
        String href = "/app/kpi/" + entry.slug();
        if (history.isEmpty()) {
            return new OverviewPage.Tile(null, entry.numberText(), entry.slug(), entry.title(), "not computed yet", "–",
                    "no result yet", Rag.NONE, "", Sparkline.of(List.of(), List.of()), null, href);
        }
        StoredHeadline latest = history.get(0);
        Headline headline = latest.headline();
        // week on week: the newest result computed for a day at least 7 days before the latest's
        Optional<StoredHeadline> previous = history.stream()
                .filter(r -> !r.asOf().isAfter(latest.asOf().minusDays(7))).findFirst();
        // one point per day the KPI was computed for, the newest result of that day, oldest first
        Map<LocalDate, StoredHeadline> byDay = new LinkedHashMap<>();
        history.stream().filter(r -> filter.contains(r.asOf())).forEach(r -> byDay.putIfAbsent(r.asOf(), r));
        List<StoredHeadline> oldestFirst = new ArrayList<>(byDay.values().stream().limit(SPARK_POINTS).toList());
        Collections.reverse(oldestFirst);
        List<BigDecimal> values = oldestFirst.stream().map(r -> r.headline().value()).filter(v -> v != null).toList();
        List<String> labels = oldestFirst.stream().filter(r -> r.headline().value() != null)
                .map(r -> r.asOf() + " " + Formats.headline(r.headline(), currency)).toList();
        return new OverviewPage.Tile(latest.resultId().toString(), entry.numberText(), entry.slug(), entry.title(), headline.label(),
                Formats.headline(headline, currency),
                Formats.change(previous.map(r -> r.headline().value()).orElse(null), headline.value(), headline.unit(),
                        currency),
                Rag.of(headline, target), targetText(headline, target, currency), Sparkline.of(values, labels),
                Formats.age(latest.computedAt(), now), href);
    }

    static String targetText(Headline headline, TenantSettings.KpiTarget target, String currency) {
        String bound = headline.better() == Headline.Better.LOWER ? "at most " : "at least ";
        return "green " + bound + Formats.value(target.green(), headline.unit(), currency) + ", amber " + bound
                + Formats.value(target.amber(), headline.unit(), currency);
    }
}
