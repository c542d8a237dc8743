package com.mspanalytics.kpi;

import com.mspanalytics.tenant.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code kpi_results} and {@code anomalies}, under the current tenant (RLS). */
@Repository
class KpiRepository {

    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Map<String, ObjectReader> bodies = new HashMap<>();

    KpiRepository(JdbcClient jdbc, JsonMapper json, List<Kpi<?>> kpis) {
        this.jdbc = jdbc;
        this.json = json;
        // A result stored before its KPI gained a field reads with that field empty; one stored before a field was
        // dropped reads without it. Stored results stay readable across such changes.
        kpis.forEach(k -> bodies.put(k.slug(), json.readerFor(k.resultType())
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)));
    }

    void save(TenantId tenant, KpiResult result) {
        jdbc.sql("""
                INSERT INTO kpi_results (tenant_id, id, kpi, window_from, window_to, params, result, computed_at,
                                         headline, as_of)
                VALUES (:tenant, :id, :kpi, :from, :to, CAST(:params AS jsonb), CAST(:result AS jsonb), :computedAt,
                        CAST(:headline AS jsonb), :asOf)
                """)
                .param("tenant", tenant.value()).param("id", result.id()).param("kpi", result.kpi())
                .param("from", result.window().from()).param("to", result.window().to())
                .param("params", json.writeValueAsString(result.params()))
                .param("result", json.writeValueAsString(result))
                .param("computedAt", java.sql.Timestamp.from(result.computedAt()))
                .param("headline", json.writeValueAsString(result.headline()))
                .param("asOf", result.window().asOf())
                .update();
    }

    /** As {@link #resultsOverDays}, only each result's headline: what the overview reads, without the results. */
    List<StoredHeadline> headlinesOverDays(String kpi, int days, @Nullable LocalDate to, int limit) {
        return jdbc.sql("""
                SELECT id, as_of, computed_at, headline::text FROM kpi_results
                WHERE kpi = :kpi AND window_to - window_from = :days - 1 AND headline IS NOT NULL
                  AND (CAST(:to AS date) IS NULL OR window_to <= CAST(:to AS date))
                ORDER BY computed_at DESC, id LIMIT :limit""")
                .param("kpi", kpi).param("days", days).param("to", to).param("limit", limit)
                .query((rs, n) -> new StoredHeadline(rs.getObject("id", UUID.class), rs.getObject("as_of", LocalDate.class),
                        rs.getTimestamp("computed_at").toInstant(), json.readValue(rs.getString("headline"), Headline.class)))
                .list();
    }

    long openAnomalies() {
        return jdbc.sql("SELECT count(*) FROM anomalies WHERE status = 'open'").query(Long.class).single();
    }

    /** @return the findings not recorded before (stable key), now recorded as open */
    List<KpiOutput.Finding> recordAnomalies(TenantId tenant, String kpi, UUID resultId, List<KpiOutput.Finding> found) {
        return found.stream().filter(f -> jdbc.sql("""
                INSERT INTO anomalies (tenant_id, kpi, dimension, key, period, details, result_id)
                VALUES (:tenant, :kpi, :dimension, :key, :period, CAST(:details AS jsonb), :result)
                ON CONFLICT (tenant_id, kpi, dimension, key, period) DO NOTHING
                """)
                .param("tenant", tenant.value()).param("kpi", kpi).param("dimension", f.dimension())
                .param("key", f.key()).param("period", f.period()).param("details", json.writeValueAsString(f.details()))
                .param("result", resultId).update() == 1).toList();
    }

    Optional<KpiResult> latest(String kpi) {
        return results(kpi, 1).stream().findFirst();
    }

    Optional<KpiResult> find(UUID id) {
        return jdbc.sql("SELECT result::text FROM kpi_results WHERE id = :id").param("id", id).query(String.class)
                .optional().map(this::result);
    }

    List<KpiResult> results(String kpi, int limit) {
        return jdbc.sql("SELECT result::text FROM kpi_results WHERE kpi = :kpi ORDER BY computed_at DESC, id LIMIT :limit")
                .param("kpi", kpi).param("limit", limit).query(String.class).list().stream()
                .map(this::result).toList();
    }

    /** The results over windows of {@code days} days, newest first. */
    /** Results over {@code days}-day windows ending in [{@code from}, {@code to}] (either may be null: unbounded). */
    List<KpiResult> resultsOverDays(String kpi, int days, @Nullable LocalDate from, @Nullable LocalDate to, int limit) {
        return jdbc.sql("""
                SELECT result::text FROM kpi_results WHERE kpi = :kpi AND window_to - window_from = :days - 1
                  AND (CAST(:from AS date) IS NULL OR window_to >= CAST(:from AS date))
                  AND (CAST(:to AS date) IS NULL OR window_to <= CAST(:to AS date))
                ORDER BY computed_at DESC, id LIMIT :limit""")
                .param("kpi", kpi).param("days", days).param("from", from).param("to", to).param("limit", limit)
                .query(String.class).list().stream()
                .map(this::result).toList();
    }

    /** A stored result: the envelope's fields, and summary and rows read as the KPI's own record. */
    private KpiResult result(String text) {
        JsonNode node = json.readTree(text);
        String kpi = node.path("kpi").asString();
        ObjectNode body = json.createObjectNode();
        body.set("summary", node.get("summary"));
        body.set("rows", node.get("rows"));
        return new KpiResult(UUID.fromString(node.path("id").asString()), kpi, node.path("tenant").asString(),
                json.treeToValue(node.get("window"), KpiResult.Window.class),
                json.convertValue(node.get("params"), PARAMS), Instant.parse(node.path("computedAt").asString()),
                bodies.get(kpi).readValue(body));
    }

    List<AnomalyView> anomalies(String status, int limit) {
        return jdbc.sql("""
                SELECT kpi, dimension, key, period, status, details::text, result_id, first_seen_at, acknowledged_at,
                       acknowledged_by, acknowledgement_note
                FROM anomalies WHERE (CAST(:status AS text) IS NULL OR status = :status)
                ORDER BY first_seen_at DESC, kpi, dimension, key LIMIT :limit""")
                .param("status", status).param("limit", limit)
                .query(this::anomaly)
                .list();
    }

    private AnomalyView anomaly(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AnomalyView(rs.getString("kpi"), rs.getString("dimension"), rs.getString("key"),
                rs.getString("period"), rs.getString("status"),
                json.readValue(rs.getString("details"), AnomalyDetails.class),
                rs.getObject("result_id", UUID.class),
                rs.getObject("first_seen_at", java.time.OffsetDateTime.class),
                rs.getObject("acknowledged_at", java.time.OffsetDateTime.class), rs.getString("acknowledged_by"),
                rs.getString("acknowledgement_note"));
    }

    /**
     * Marks the open anomalies of {@code kpi} that no alert has announced yet as alerted and returns them. Rows
     * another transaction is claiming are skipped, so two nodes never announce the same anomaly.
     */
    List<AnomalyView> claimUnalerted(String kpi) {
        return jdbc.sql("""
                UPDATE anomalies SET alerted_at = now()
                WHERE (tenant_id, kpi, dimension, key, period) IN (
                    SELECT tenant_id, kpi, dimension, key, period FROM anomalies
                    WHERE kpi = :kpi AND status = 'open' AND alerted_at IS NULL
                    FOR UPDATE SKIP LOCKED)
                RETURNING kpi, dimension, key, period, status, details::text, result_id, first_seen_at, acknowledged_at,
                          acknowledged_by, acknowledgement_note
                """).param("kpi", kpi).query(this::anomaly).list().stream()
                .sorted(java.util.Comparator.comparing(AnomalyView::dimension).thenComparing(AnomalyView::key))
                .toList();
    }

    /** Undoes {@link #claimUnalerted} for anomalies whose alert could not be delivered, so the next one carries them. */
    void unclaim(List<AnomalyView> anomalies) {
        for (AnomalyView a : anomalies) {
            jdbc.sql("""
                    UPDATE anomalies SET alerted_at = NULL
                    WHERE kpi = :kpi AND dimension = :dimension AND key = :key AND period = :period
                    """).param("kpi", a.kpi()).param("dimension", a.dimension()).param("key", a.key())
                    .param("period", a.period()).update();
        }
    }

    boolean acknowledge(String kpi, String dimension, String key, String period, @Nullable String by,
            @Nullable String note) {
        return jdbc.sql("""
                UPDATE anomalies SET status = 'acknowledged', acknowledged_at = coalesce(acknowledged_at, now()),
                       acknowledged_by = coalesce(:by, acknowledged_by), acknowledgement_note = coalesce(:note, acknowledgement_note)
                WHERE kpi = :kpi AND dimension = :dimension AND key = :key AND period = :period
                """).param("kpi", kpi).param("dimension", dimension).param("key", key).param("period", period)
                .param("by", by).param("note", note)
                .update() == 1;
    }
}
