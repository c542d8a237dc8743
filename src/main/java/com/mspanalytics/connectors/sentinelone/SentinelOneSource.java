package com.mspanalytics.connectors.sentinelone;

import com.mspanalytics.connectors.OutboundHttp;
import com.mspanalytics.connectors.UpstreamCalls;
import com.mspanalytics.connectors.UpstreamException;
import com.mspanalytics.connectors.WatermarkPages;
import com.mspanalytics.sync.SyncFailure;
import com.mspanalytics.sync.SyncSession;
import com.mspanalytics.sync.SyncSource;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Syncs SentinelOne threats into {@code security_events} (source {@code sentinelone}; entity and connector
 * {@code sentinelone}).
 *
 * <p>Reads {@code /web/api/v2.1/threats?sortBy=updatedAt&sortOrder=asc} from {@code updatedAt__gte} = checkpoint −
 * overlap and follows {@code pagination.nextCursor} to the end, repeating the same filter with each cursor. The
 * checkpoint is the largest {@code threatInfo.updatedAt} seen and moves with every page: the list is in ascending
 * {@code updatedAt} order, so everything not yet read is at or after it, and a run that fails or dies resumes
 * from the last committed page. Why the walk cannot skip: S1 cursors are keyset positions (the documented cursor
 * decodes to {@code <key>:<value>}), so a threat that changes while we walk moves ahead of the cursor and is read
 * again later in the same walk, never jumped over; {@code __gte} with the overlap re-reads the ties at the
 * boundary. Re-read threats whose JSON did not change are not rewritten.
 *
 * <p>{@code acknowledged_at} keeps the earliest value ever derived ({@code LEAST} ignores NULLs), so the first
 * move out of "new" never moves later; {@code resolved_at} likewise while resolved, and is cleared on a reopen.
 *
 * <p>How S1's fields become the normalised security event (severity, status, classification, acknowledged_at,
 * resolved_at) is documented in V6__create_reviews_and_security_events.sql and done in {@link #UPSERT}.
 */
@Component
final class SentinelOneSource implements SyncSource {

    static final String CHECKPOINT = "sentinelone:threats";

    private static final String UPSERT = """
            WITH page AS (
                SELECT DISTINCT ON (r->>'id') r
                FROM jsonb_array_elements(CAST(:page AS jsonb)->'data') AS r
                ORDER BY r->>'id', r->'threatInfo'->>'updatedAt' DESC),
            normalised AS (
                SELECT r, i, a, s.status,
                       (SELECT min((m->>'mitigationStartedAt')::timestamptz) FROM jsonb_array_elements(
                            CASE WHEN jsonb_typeof(r->'mitigationStatus') = 'array' THEN r->'mitigationStatus'
                                 ELSE '[]' END) m) AS first_started,
                       (SELECT max((m->>'mitigationEndedAt')::timestamptz) FROM jsonb_array_elements(
                            CASE WHEN jsonb_typeof(r->'mitigationStatus') = 'array' THEN r->'mitigationStatus'
                                 ELSE '[]' END) m) AS last_ended
                FROM page,
                     LATERAL (SELECT r->'threatInfo' AS i, r->'agentRealtimeInfo' AS a) AS x,
                     LATERAL (SELECT CASE lower(r->'threatInfo'->>'incidentStatus')
                                         WHEN 'in_progress' THEN 'in_progress'
                                         WHEN 'resolved' THEN 'resolved'
                                         ELSE 'new' END AS status) AS s),
            written AS (
                INSERT INTO security_events (tenant_id, source, external_id, client_key, client_name, severity, status,
                        classification, title, created_at, acknowledged_at, resolved_at, last_updated, raw, synced_at)
                SELECT :tenant, 'sentinelone', r->>'id',
                       coalesce(a->>'siteId', r->'agentDetectionInfo'->>'siteId'),
                       coalesce(a->>'siteName', r->'agentDetectionInfo'->>'siteName'),
                       CASE WHEN lower(i->>'classification') = 'ransomware' THEN 'critical'
                            WHEN lower(i->>'confidenceLevel') = 'malicious' THEN 'high'
                            WHEN lower(i->>'confidenceLevel') = 'suspicious' THEN 'medium'
                            ELSE 'low' END,
                       status,
                       CASE WHEN lower(i->>'analystVerdict') = 'true_positive' THEN 'true_positive'
                            WHEN lower(i->>'analystVerdict') = 'false_positive' THEN 'false_positive'
                            WHEN lower(i->>'mitigationStatus') = 'marked_as_benign' THEN 'benign'
                            ELSE 'undetermined' END,
                       i->>'threatName',
                       (i->>'createdAt')::timestamptz,
                       CASE WHEN status <> 'new' THEN coalesce(first_started, (i->>'updatedAt')::timestamptz) END,
                       CASE WHEN status = 'resolved' THEN coalesce(last_ended, (i->>'updatedAt')::timestamptz) END,
                       (i->>'updatedAt')::timestamptz,
                       r, now()
                FROM normalised
                ON CONFLICT (tenant_id, source, external_id) DO UPDATE SET
                    client_key = EXCLUDED.client_key, client_name = EXCLUDED.client_name, severity = EXCLUDED.severity,
                    status = EXCLUDED.status, classification = EXCLUDED.classification, title = EXCLUDED.title,
                    created_at = EXCLUDED.created_at,
                    acknowledged_at = LEAST(security_events.acknowledged_at, EXCLUDED.acknowledged_at),
                    resolved_at = CASE WHEN EXCLUDED.resolved_at IS NOT NULL
                                       THEN LEAST(security_events.resolved_at, EXCLUDED.resolved_at) END,
                    last_updated = EXCLUDED.last_updated, raw = EXCLUDED.raw, synced_at = now()
                WHERE security_events.raw IS DISTINCT FROM EXCLUDED.raw
                RETURNING (xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated
            FROM written""";

    private static final WatermarkPages.Feed FEED =
            new WatermarkPages.Feed("data", SentinelOneSource::updatedAt, UPSERT, false);

    private final OutboundHttp http;
    private final UpstreamCalls calls;
    private final SentinelOneProperties properties;

    SentinelOneSource(OutboundHttp http, UpstreamCalls calls, SentinelOneProperties properties) {
        this.http = http;
        this.calls = calls;
        this.properties = properties;
    }

    @Override
    public String entity() {
        return "sentinelone";
    }

    @Override
    public String connector() {
        return "sentinelone";
    }

    @Override
    public int order() {
        return 90;
    }

    @Override
    public void pull(SyncSession session) {
        SentinelOneClient client = new SentinelOneClient(http.restClient(), calls, session.tenant(), session.credentials());
        String path = SentinelOneClient.THREATS;
        WatermarkPages pages = new WatermarkPages(session, client.http(), CHECKPOINT, FEED);
        Map<String, String> filter = new LinkedHashMap<>();
        pages.watermark().ifPresent(watermark ->
                filter.put("updatedAt__gte", watermark.minus(properties.overlap()).toString()));
        filter.put("sortBy", "updatedAt");
        filter.put("sortOrder", "asc");
        filter.put("limit", String.valueOf(properties.pageSize()));
        String cursor = null;
        // Not followLinks: S1 pages by cursor under a repeated filter and may move the checkpoint with every page.
        for (int number = 1; ; number++) {
            Map<String, String> query = new LinkedHashMap<>(filter);
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            WatermarkPages.Page page = pages.read(fetch(client, path, query, number), path, number);
            pages.commit(page, true);   // ascending updatedAt: everything not yet read is at or after the newest seen
            JsonNode next = page.envelope().path("pagination").path("nextCursor");
            if (!next.isString() || next.asString().isBlank() || page.records().isEmpty()) {
                return;
            }
            cursor = next.asString();
        }
    }

    private static Instant updatedAt(JsonNode threat, String path, int page) {
        if (!threat.path("id").isString() && !threat.path("id").isNumber()) {
            throw new SyncFailure(SentinelOneClient.SERVICE + " " + path + " page " + page + ": a threat without an id");
        }
        try {
            return OffsetDateTime.parse(threat.path("threatInfo").path("updatedAt").asString("")).toInstant();
        } catch (DateTimeParseException e) {
            throw new SyncFailure(SentinelOneClient.SERVICE + " " + path + " page " + page
                    + ": a threat without a valid threatInfo.updatedAt");
        }
    }

    private static String fetch(SentinelOneClient client, String path, Map<String, String> query, int page) {
        try {
            return client.get(path, query);
        } catch (UpstreamException e) {
            throw e.onPage(page, "; check the sentinelone API token (PUT /settings/connectors/sentinelone)");
        }
    }
}
