package com.mspanalytics.connectors.defender;

import com.mspanalytics.outbound.OutboundHttp;
import com.mspanalytics.sync.RecordReader;
import com.mspanalytics.connectors.SecurityEvents;
import com.mspanalytics.outbound.UpstreamCalls;
import com.mspanalytics.connectors.WatermarkPages;
import com.mspanalytics.sync.RecordTable;
import com.mspanalytics.sync.SyncFailure;
import com.mspanalytics.sync.SyncSession;
import com.mspanalytics.sync.SyncSource;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;

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
 * V6__create_reviews_and_security_events.sql and done in {@link #TABLE}; enum values are compared
 * case-insensitively (Graph's own examples mix {@code truePositive} and {@code TruePositive}). How the event is then
 * stored (the earliest acknowledged_at wins, and so on) is in {@link SecurityEvents}. Every alert is an event, and KPI
 * 12 counts events; the incidents the alerts belong to ({@code raw->>'incidentId'}) are synced apart, by
 * {@link DefenderIncidentsSource}.
 */
@Component
final class DefenderSource implements SyncSource {

    static final String CHECKPOINT = "defender:alerts";

    /** How an alert becomes a security event (V6__create_reviews_and_security_events.sql); the rest is shared. */
    static final RecordTable TABLE = SecurityEvents.table("defender", "id", "lastUpdateDateTime",
            s -> s.stage(RecordTable.Type.TEXT, "status", "tenantId", "severity", "classification", "title",
                            "createdDateTime", "resolvedDateTime")
                    .stage(RecordTable.Type.JSONB, "comments"), """
            SELECT "id" AS external_id, "tenantId" AS client_key, CAST(NULL AS text) AS client_name,
                   CASE lower("severity")
                        WHEN 'high' THEN 'high' WHEN 'medium' THEN 'medium' WHEN 'low' THEN 'low'
                        ELSE 'informational' END AS severity,
                   s.status,
                   CASE lower("classification")
                        WHEN 'truepositive' THEN 'true_positive'
                        WHEN 'falsepositive' THEN 'false_positive'
                        WHEN 'informationalexpectedactivity' THEN 'benign'
                        ELSE 'undetermined' END AS classification,
                   "title" AS title,
                   CAST("createdDateTime" AS timestamptz) AS created_at,
                   CASE WHEN s.status <> 'new' THEN coalesce(first_comment,
                        CASE WHEN s.status = 'resolved' THEN CAST("resolvedDateTime" AS timestamptz) END,
                        CAST("lastUpdateDateTime" AS timestamptz)) END AS acknowledged_at,
                   CASE WHEN s.status = 'resolved' THEN coalesce(CAST("resolvedDateTime" AS timestamptz),
                        CAST("lastUpdateDateTime" AS timestamptz)) END AS resolved_at,
                   CAST("lastUpdateDateTime" AS timestamptz) AS last_updated,
                   r
            FROM page,
                 LATERAL (SELECT CASE lower(page."status")
                                     WHEN 'inprogress' THEN 'in_progress'
                                     WHEN 'resolved' THEN 'resolved'
                                     ELSE 'new' END AS status) AS s,
                 LATERAL (SELECT min((c->>'createdDateTime')::timestamptz) AS first_comment
                          FROM jsonb_array_elements(CASE WHEN jsonb_typeof("comments") = 'array'
                                                         THEN "comments" ELSE '[]' END) c) AS comments""");

    private static final WatermarkPages.Feed FEED = new WatermarkPages.Feed("value", DefenderSource::lastUpdate, TABLE);

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
        new GraphClient(http.restClient(), calls, session.tenant(), session.credentials())
                .pullUpdated(session, GraphClient.ALERTS, CHECKPOINT, FEED, properties.overlap(), properties.pageSize(), "SecurityAlert.Read.All");
    }

    private static Instant lastUpdate(RecordReader.Record alert, String path, int page) {
        if (alert.kind("id") != RecordReader.Kind.STRING) {
            throw new SyncFailure(GraphClient.SERVICE + " " + path + " page " + page + ": an alert without an id");
        }
        try {
            String updated = alert.text("lastUpdateDateTime");
            return OffsetDateTime.parse(updated == null ? "" : updated).toInstant();
        } catch (DateTimeParseException e) {
            throw new SyncFailure(GraphClient.SERVICE + " " + path + " page " + page
                    + ": an alert without a valid lastUpdateDateTime");
        }
    }
}
