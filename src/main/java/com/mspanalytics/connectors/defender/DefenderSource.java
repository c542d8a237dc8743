package com.mspanalytics.connectors.defender;

import com.mspanalytics.connectors.OutboundHttp;
import com.mspanalytics.connectors.UpstreamCalls;
import com.mspanalytics.connectors.UpstreamException;
import com.mspanalytics.connectors.WatermarkPages;
import com.mspanalytics.sync.SyncFailure;
import com.mspanalytics.sync.SyncSession;
import com.mspanalytics.sync.SyncSource;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Syncs Microsoft Defender alerts (Graph {@code alerts_v2}) into {@code security_events} (source {@code defender};
 * entity and connector {@code defender}).
 *
 * <p>Reads {@code /v1.0/security/alerts_v2?$filter=lastUpdateDateTime ge <checkpoint − overlap>} and follows
 * {@code @odata.nextLink} verbatim to the end. The checkpoint is the largest {@code lastUpdateDateTime} seen and
 * moves only with the last page of a run: Graph returns newest first, so no page bounds the ones still to come
 * (and the walk never stops early on old rows). A run that fails or dies mid-walk is read again from the old
 * checkpoint; re-read alerts whose JSON did not change are not rewritten.
 *
 * <p>Why {@code $skip} paging under a fixed filter cannot lose an alert for good: the filter only gains members
 * (a change moves {@code lastUpdateDateTime} forward; Graph has no deletions), and new or changed alerts enter at
 * the front of a newest-first list, so a shift while we walk can only make us read an alert twice. An alert
 * changed after we read it has a {@code lastUpdateDateTime} after the walk began, which the next run's window
 * (an overlap before the largest timestamp seen) covers as long as a walk is shorter than the overlap.
 *
 * <p>How Graph's fields become the normalised security event is documented in
 * V6__create_reviews_and_security_events.sql and done in {@link #UPSERT}; enum values are compared
 * case-insensitively (Graph's own examples mix {@code truePositive} and {@code TruePositive}).
 * {@code acknowledged_at} keeps the earliest value ever derived, so the first move out of "new" never moves later;
 * {@code resolved_at} likewise while resolved, and is cleared on a reopen. Every alert is an event, and KPI 12 counts
 * events; the incidents the alerts belong to ({@code raw->>'incidentId'}) are synced apart, by
 * {@link DefenderIncidentsSource}.
 */
@Component
final class DefenderSource implements SyncSource {

    static final String CHECKPOINT = "defender:alerts";

    private static final String UPSERT = """
            WITH page AS (
                SELECT DISTINCT ON (r->>'id') r
                FROM jsonb_array_elements(CAST(:page AS jsonb)->'value') AS r
                ORDER BY r->>'id', r->>'lastUpdateDateTime' DESC),
            normalised AS (
                SELECT r, s.status,
                       (SELECT min((c->>'createdDateTime')::timestamptz) FROM jsonb_array_elements(
                            CASE WHEN jsonb_typeof(r->'comments') = 'array' THEN r->'comments' ELSE '[]' END) c)
                           AS first_comment
                FROM page,
                     LATERAL (SELECT CASE lower(r->>'status')
                                         WHEN 'inprogress' THEN 'in_progress'
                                         WHEN 'resolved' THEN 'resolved'
                                         ELSE 'new' END AS status) AS s),
            written AS (
                INSERT INTO security_events (tenant_id, source, external_id, client_key, client_name, severity, status,
                        classification, title, created_at, acknowledged_at, resolved_at, last_updated, raw, synced_at)
                SELECT :tenant, 'defender', r->>'id', r->>'tenantId', NULL,
                       CASE lower(r->>'severity')
                            WHEN 'high' THEN 'high' WHEN 'medium' THEN 'medium' WHEN 'low' THEN 'low'
                            ELSE 'informational' END,
                       status,
                       CASE lower(r->>'classification')
                            WHEN 'truepositive' THEN 'true_positive'
                            WHEN 'falsepositive' THEN 'false_positive'
                            WHEN 'informationalexpectedactivity' THEN 'benign'
                            ELSE 'undetermined' END,
                       r->>'title',
                       (r->>'createdDateTime')::timestamptz,
                       CASE WHEN status <> 'new' THEN coalesce(first_comment,
                            CASE WHEN status = 'resolved' THEN (r->>'resolvedDateTime')::timestamptz END,
                            (r->>'lastUpdateDateTime')::timestamptz) END,
                       CASE WHEN status = 'resolved' THEN coalesce((r->>'resolvedDateTime')::timestamptz,
                            (r->>'lastUpdateDateTime')::timestamptz) END,
                       (r->>'lastUpdateDateTime')::timestamptz,
                       r, now()
                FROM normalised
                ON CONFLICT (tenant_id, source, external_id) DO UPDATE SET
                    client_key = EXCLUDED.client_key, severity = EXCLUDED.severity, status = EXCLUDED.status,
                    classification = EXCLUDED.classification, title = EXCLUDED.title, created_at = EXCLUDED.created_at,
                    acknowledged_at = LEAST(security_events.acknowledged_at, EXCLUDED.acknowledged_at),
                    resolved_at = CASE WHEN EXCLUDED.resolved_at IS NOT NULL
                                       THEN LEAST(security_events.resolved_at, EXCLUDED.resolved_at) END,
                    last_updated = EXCLUDED.last_updated, raw = EXCLUDED.raw, synced_at = now()
                WHERE security_events.raw IS DISTINCT FROM EXCLUDED.raw
                RETURNING (xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated
            FROM written""";

    private static final WatermarkPages.Feed FEED =
            new WatermarkPages.Feed("value", DefenderSource::lastUpdate, UPSERT, false);

    private final OutboundHttp http;
    private final UpstreamCalls calls;
    private final DefenderProperties properties;

    DefenderSource(OutboundHttp http, UpstreamCalls calls, DefenderProperties properties) {
        this.http = http;
        this.calls = calls;
        this.properties = properties;
    }

    @Override
    public String entity() {
        return "defender";
    }

    @Override
    public String connector() {
        return "defender";
    }

    @Override
    public int order() {
        return 95;
    }

    @Override
    public void pull(SyncSession session) {
        GraphClient client = new GraphClient(http.restClient(), calls, session.tenant(), session.credentials());
        String path = GraphClient.ALERTS;
        WatermarkPages pages = new WatermarkPages(session, client.http(), CHECKPOINT, FEED);
        Map<String, String> query = new LinkedHashMap<>();
        pages.watermark().ifPresent(watermark ->
                query.put("$filter", "lastUpdateDateTime ge " + watermark.minus(properties.overlap())));
        query.put("$top", String.valueOf(properties.pageSize()));
        pages.followLinks(client.uri(path, query), path, "@odata.nextLink",
                (target, page) -> fetch(client, target, page), (link, page) -> client.next(link, path, page));
    }

    private static Instant lastUpdate(JsonNode alert, String path, int page) {
        if (!alert.path("id").isString()) {
            throw new SyncFailure(GraphClient.SERVICE + " " + path + " page " + page + ": an alert without an id");
        }
        try {
            return OffsetDateTime.parse(alert.path("lastUpdateDateTime").asString("")).toInstant();
        } catch (DateTimeParseException e) {
            throw new SyncFailure(GraphClient.SERVICE + " " + path + " page " + page
                    + ": an alert without a valid lastUpdateDateTime");
        }
    }

    private static String fetch(GraphClient client, URI target, int page) {
        try {
            return client.get(target);
        } catch (UpstreamException e) {
            throw e.onPage(page, "; check the defender credentials and the app's SecurityAlert.Read.All "
                    + "permission (PUT /settings/connectors/defender)");
        }
    }
}
