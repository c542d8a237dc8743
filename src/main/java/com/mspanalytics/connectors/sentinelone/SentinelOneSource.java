package com.mspanalytics.connectors.sentinelone;

import com.mspanalytics.outbound.OutboundHttp;
import com.mspanalytics.sync.RecordReader;
import com.mspanalytics.connectors.SecurityEvents;
import com.mspanalytics.outbound.UpstreamCalls;
import com.mspanalytics.outbound.UpstreamException;
import com.mspanalytics.connectors.WatermarkPages;
import com.mspanalytics.sync.PagePipeline;
import com.mspanalytics.sync.RecordTable;
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
 * <p>How S1's fields become the normalised security event (severity, status, classification, acknowledged_at,
 * resolved_at) is documented in V6__create_reviews_and_security_events.sql and done in {@link #TABLE}; how the
 * event is then stored (the earliest acknowledged_at wins, and so on) is in {@link SecurityEvents}.
 */
@Component
final class SentinelOneSource implements SyncSource {

    static final String CHECKPOINT = "sentinelone:threats";

    /** How a threat becomes a security event (V6__create_reviews_and_security_events.sql); the rest is shared. */
    static final RecordTable TABLE = SecurityEvents.table("sentinelone", "id", "threatInfo.updatedAt",
            s -> s.stage(RecordTable.Type.TEXT, "threatInfo.classification", "threatInfo.confidenceLevel",
                            "threatInfo.incidentStatus", "threatInfo.analystVerdict", "threatInfo.mitigationStatus",
                            "threatInfo.threatName", "threatInfo.createdAt", "agentRealtimeInfo.siteId",
                            "agentRealtimeInfo.siteName", "agentDetectionInfo.siteId", "agentDetectionInfo.siteName")
                    .stage(RecordTable.Type.JSONB, "mitigationStatus"), """
            SELECT "id" AS external_id,
                   coalesce("agentRealtimeInfo.siteId", "agentDetectionInfo.siteId") AS client_key,
                   coalesce("agentRealtimeInfo.siteName", "agentDetectionInfo.siteName") AS client_name,
                   CASE WHEN lower("threatInfo.classification") = 'ransomware' THEN 'critical'
                        WHEN lower("threatInfo.confidenceLevel") = 'malicious' THEN 'high'
                        WHEN lower("threatInfo.confidenceLevel") = 'suspicious' THEN 'medium'
                        ELSE 'low' END AS severity,
                   s.status,
                   CASE WHEN lower("threatInfo.analystVerdict") = 'true_positive' THEN 'true_positive'
                        WHEN lower("threatInfo.analystVerdict") = 'false_positive' THEN 'false_positive'
                        WHEN lower("threatInfo.mitigationStatus") = 'marked_as_benign' THEN 'benign'
                        ELSE 'undetermined' END AS classification,
                   "threatInfo.threatName" AS title,
                   CAST("threatInfo.createdAt" AS timestamptz) AS created_at,
                   CASE WHEN s.status <> 'new' THEN coalesce(first_started, CAST("threatInfo.updatedAt" AS timestamptz))
                        END AS acknowledged_at,
                   CASE WHEN s.status = 'resolved' THEN coalesce(last_ended, CAST("threatInfo.updatedAt" AS timestamptz))
                        END AS resolved_at,
                   CAST("threatInfo.updatedAt" AS timestamptz) AS last_updated,
                   r
            FROM page,
                 LATERAL (SELECT CASE lower("threatInfo.incidentStatus")
                                     WHEN 'in_progress' THEN 'in_progress'
                                     WHEN 'resolved' THEN 'resolved'
                                     ELSE 'new' END AS status) AS s,
                 LATERAL (SELECT min((m->>'mitigationStartedAt')::timestamptz) AS first_started,
                                 max((m->>'mitigationEndedAt')::timestamptz) AS last_ended
                          FROM jsonb_array_elements(CASE WHEN jsonb_typeof("mitigationStatus") = 'array'
                                                         THEN "mitigationStatus" ELSE '[]' END) m) AS mitigation""");

    private static final WatermarkPages.Feed FEED = new WatermarkPages.Feed("data", SentinelOneSource::updatedAt, TABLE);

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
        // Not followLinks: S1 pages by cursor under a repeated filter and may move the checkpoint with every page.
        PagePipeline.run(CHECKPOINT, (WatermarkPages.Page previous) -> {
            String cursor = null;
            if (previous != null) {
                JsonNode next = previous.envelope().path("pagination").path("nextCursor");
                if (!next.isString() || next.asString().isBlank() || previous.records().isEmpty()) {
                    return null;
                }
                cursor = next.asString();
            }
            int number = previous == null ? 1 : previous.number() + 1;
            Map<String, String> query = new LinkedHashMap<>(filter);
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            return pages.read(fetch(client, path, query, number), path, number);
        }, page -> pages.commit(page, true));   // ascending updatedAt: everything not yet read is at or after the newest seen
    }

    private static Instant updatedAt(RecordReader.Record threat, String path, int page) {
        RecordReader.Kind id = threat.kind("id");
        if (id != RecordReader.Kind.STRING && id != RecordReader.Kind.NUMBER) {
            throw new SyncFailure(SentinelOneClient.SERVICE + " " + path + " page " + page + ": a threat without an id");
        }
        try {
            String updated = threat.text("threatInfo.updatedAt");
            return OffsetDateTime.parse(updated == null ? "" : updated).toInstant();
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
