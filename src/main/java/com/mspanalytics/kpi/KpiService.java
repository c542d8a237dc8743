package com.mspanalytics.kpi;

import com.mspanalytics.settings.TenantSettings;
import com.mspanalytics.settings.TenantSettingsService;
import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/** Computes, stores and reads KPI results of the current tenant. */
@Service
public class KpiService {

    public static final String ALL = "all";

    private final Map<String, Kpi<?>> kpis = new LinkedHashMap<>();
    private final KpiRepository repository;
    private final TenantSettingsService settings;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    KpiService(List<Kpi<?>> kpis, KpiRepository repository, TenantSettingsService settings, JdbcClient jdbc, Clock clock,
            ApplicationEventPublisher events, TransactionTemplate transaction) {
        this.transaction = transaction;
        kpis.stream().sorted(Comparator.comparing(Kpi<?>::slug)).forEach(k -> this.kpis.put(k.slug(), k));
        this.repository = repository;
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    public List<String> slugs() {
        return List.copyOf(kpis.keySet());
    }

    /** The tenant's red/amber/green thresholds for the KPI's headline: its setting, else the KPI's default. */
    @Transactional(readOnly = true)
    public TenantSettings.KpiTarget target(String slug) {
        Kpi<?> kpi = require(slug);
        return settings.current().kpiTargets().getOrDefault(slug, kpi.defaultTarget());
    }

    /**
     * Computes and stores one KPI; new anomalies are recorded, and found ones announced with {@link AnomaliesFound}.
     *
     * @throws ErrorResponseException 404 for an unknown slug, or {@link InvalidKpiRequest} (400 naming each field)
     */
    @Transactional
    public KpiResult compute(String slug, KpiRequest request) {
        Kpi<?> kpi = require(slug);
        TenantId tenant = TenantContext.require();
        TenantSettings tenantSettings = settings.current();
        ZoneId zone = ZoneId.of(tenantSettings.timeZone());
        KpiContext.Settings kpiSettings = new KpiContext.Settings(tenantSettings, zone);
        KpiRequests.Resolved resolved = KpiRequests.resolve(kpi, request, LocalDate.now(clock.withZone(zone)),
                kpi.defaultParams(kpiSettings));
        KpiContext context = new KpiContext(tenant, kpiSettings, resolved.from(), resolved.to(), resolved.asOf(),
                resolved.params(), jdbc);
        KpiOutput<?> output = kpi.compute(context);
        KpiResult result = new KpiResult(UUID.randomUUID(), slug, tenant.toString(),
                new KpiResult.Window(resolved.from(), resolved.to(), resolved.asOf(), zone.getId()), resolved.params(),
                Instant.now(clock).truncatedTo(ChronoUnit.MILLIS), output.body());
        repository.save(tenant, result);
        List<KpiOutput.Finding> fresh = repository.recordAnomalies(tenant, slug, result.id(), output.anomalies());
        if (!output.anomalies().isEmpty()) {
            events.publishEvent(new AnomaliesFound(tenant, result, fresh));
        }
        return result;
    }

    /** Every KPI with its default window ending at {@code asOf} (today when null), each in its own transaction. */
    public List<KpiResult> computeAll(LocalDate asOf) {
        List<KpiResult> results = new ArrayList<>();
        for (String slug : kpis.keySet()) {
            results.add(transaction.execute(status -> compute(slug, new KpiRequest(null, null, null, asOf, null))));
        }
        return results;
    }

    @Transactional(readOnly = true)
    public Optional<KpiResult> latest(String slug) {
        require(slug);
        return repository.latest(slug);
    }

    @Transactional(readOnly = true)
    public Optional<KpiResult> find(UUID id) {
        return repository.find(id);
    }

    @Transactional(readOnly = true)
    public List<KpiResult> results(String slug, int limit) {
        require(slug);
        return repository.results(slug, limit);
    }

    /**
     * The results over the KPI's default window (as computed after each sync), newest first: what the dashboard
     * shows. A digest's week or a window a caller chose is left out, so the tiles compare like with like.
     */
    @Transactional(readOnly = true)
    public List<KpiResult> standardResults(String slug, int limit) {
        return standardResults(slug, null, null, limit);
    }

    /** As {@link #standardResults(String, int)}, of the results computed for a day in [{@code from}, {@code to}]. */
    @Transactional(readOnly = true)
    public List<KpiResult> standardResults(String slug, @Nullable LocalDate from, @Nullable LocalDate to, int limit) {
        return repository.resultsOverDays(slug, require(slug).defaultLookbackDays(), from, to, limit);
    }

    /** The headlines of {@link #standardResults(String, LocalDate, LocalDate, int)} up to {@code to}: cheap to read. */
    @Transactional(readOnly = true)
    public List<StoredHeadline> standardHeadlines(String slug, @Nullable LocalDate to, int limit) {
        return repository.headlinesOverDays(slug, require(slug).defaultLookbackDays(), to, limit);
    }

    @Transactional(readOnly = true)
    public long openAnomalies() {
        return repository.openAnomalies();
    }

    @Transactional(readOnly = true)
    public Optional<KpiResult> latestStandard(String slug) {
        return standardResults(slug, 1).stream().findFirst();
    }

    @Transactional(readOnly = true)
    public List<AnomalyView> anomalies(String status, int limit) {
        return repository.anomalies(status, limit);
    }

    /** Open anomalies of {@code kpi} not announced yet, now marked as announced (see {@link #unclaim}). */
    @Transactional
    public List<AnomalyView> claimUnalerted(String kpi) {
        return repository.claimUnalerted(kpi);
    }

    /** For anomalies whose announcement failed: the next alert of their KPI carries them again. */
    @Transactional
    public void unclaim(List<AnomalyView> anomalies) {
        repository.unclaim(anomalies);
    }

    /**
     * @param by who acknowledges it (a user's e-mail, an API key's subject)
     * @param note what was done about it; null keeps an earlier note
     * @return false when the tenant has no such anomaly
     */
    @Transactional
    public boolean acknowledge(String kpi, String dimension, String key, String period, @Nullable String by,
            @Nullable String note) {
        return repository.acknowledge(kpi, dimension, key, period, by, note);
    }

    private Kpi<?> require(String slug) {
        Kpi<?> kpi = kpis.get(slug);
        if (kpi == null) {
            throw new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "No KPI named '" + slug + "'. KPIs: " + String.join(", ", kpis.keySet()) + "."), null);
        }
        return kpi;
    }

    /**
     * Published when a computation found anomalies, with those never seen before ({@code fresh}, possibly none):
     * alerts announce whatever of the KPI's anomalies is still unannounced, including those of a failed alert.
     */
    public record AnomaliesFound(TenantId tenant, KpiResult result, List<KpiOutput.Finding> fresh) {
    }
}
