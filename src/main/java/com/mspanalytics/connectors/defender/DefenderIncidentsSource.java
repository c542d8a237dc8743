package com.mspanalytics.connectors.defender;

import com.mspanalytics.outbound.OutboundHttp;
import com.mspanalytics.sync.RecordReader;
import com.mspanalytics.outbound.UpstreamCalls;
import com.mspanalytics.connectors.WatermarkPages;
import com.mspanalytics.sync.RecordTable;
import com.mspanalytics.sync.SyncFailure;
import com.mspanalytics.sync.SyncSession;
import com.mspanalytics.sync.SyncSource;
import com.mspanalytics.sync.Upsert;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;

/**
 * Syncs Microsoft Defender incidents (Graph {@code /v1.0/security/incidents}) into {@code defender_incidents}
 * (entity {@code defender-incidents}, connector {@code defender}).
 *
 * <p>Read exactly like the alerts ({@link DefenderSource}, whose Javadoc explains why this cannot lose a record):
 * {@code $filter=lastUpdateDateTime ge <checkpoint − overlap>}, {@code @odata.nextLink} followed verbatim to the end
 * (newest first, so never stopping early), the checkpoint moving only with the last page. The difference: Graph
 * refuses {@code $top} above 50 on incidents (it answers 400), so pages hold at most 50
 * ({@code msp.connectors.defender.page-size} when it is smaller).
 *
 * <p>Merged incidents have no tombstone: Graph keeps them with {@code status: redirected} and the surviving
 * incident in {@code redirectIncidentId}; they are stored like that, and their alerts' {@code incidentId} already
 * names the survivor. How Graph's fields become columns is documented in
 * V11__create_ticket_status_changes_and_defender_incidents.sql and done in {@link #TABLE}; enums compare
 * case-insensitively. There is no resolvedDateTime on incidents: {@code resolved_at} is the
 * {@code lastUpdateDateTime} the incident was first seen resolved with, kept while it stays resolved.
 */
@Component
final class DefenderIncidentsSource implements SyncSource {

    static final String CHECKPOINT = "defender:incidents";
    /** Graph's limit for {@code $top} on incidents (the captured 400 above it). */
    static final int MAX_TOP = 50;

    static final RecordTable TABLE = RecordTable.into("defender_incidents")
            .stage(RecordTable.Type.TEXT, "id", "tenantId", "displayName", "status", "redirectIncidentId", "severity",
                    "classification", "determination", "assignedTo", "createdDateTime", "lastUpdateDateTime")
            .build(stage -> Upsert.into("defender_incidents").key("id")
                    .with("page", Upsert.newestPer("\"id\"", "\"lastUpdateDateTime\"", stage))
                    .with("normalised", """
                            SELECT page.*, CASE lower("status")
                                               WHEN 'active' THEN 'active'
                                               WHEN 'inprogress' THEN 'in_progress'
                                               WHEN 'awaitingaction' THEN 'awaiting_action'
                                               WHEN 'resolved' THEN 'resolved'
                                               WHEN 'redirected' THEN 'redirected'
                                               ELSE 'unknown' END AS normalised_status
                            FROM page""")
                    .from("normalised")
                    .column("id", "\"id\"")
                    .column("client_key", "\"tenantId\"")
                    .column("display_name", "\"displayName\"")
                    .column("status", "normalised_status")
                    .column("redirect_incident_id", "\"redirectIncidentId\"")
                    .column("severity", """
                            CASE lower("severity")
                                 WHEN 'high' THEN 'high' WHEN 'medium' THEN 'medium' WHEN 'low' THEN 'low'
                                 ELSE 'informational' END""")
                    .column("classification", """
                            CASE lower("classification")
                                 WHEN 'truepositive' THEN 'true_positive'
                                 WHEN 'falsepositive' THEN 'false_positive'
                                 WHEN 'informationalexpectedactivity' THEN 'benign'
                                 ELSE 'undetermined' END""")
                    .column("determination", "\"determination\"")
                    .column("assigned_to", "\"assignedTo\"")
                    .column("created_at", "CAST(\"createdDateTime\" AS timestamptz)")
                    .column("resolved_at",
                            "CASE WHEN normalised_status = 'resolved' THEN CAST(\"lastUpdateDateTime\" AS timestamptz) END")
                    .column("last_updated", "CAST(\"lastUpdateDateTime\" AS timestamptz)")
                    .onUpdate("resolved_at", "CASE WHEN EXCLUDED.resolved_at IS NOT NULL "
                            + "THEN LEAST(t.resolved_at, EXCLUDED.resolved_at) END")
                    .build());

    private static final WatermarkPages.Feed FEED =
            new WatermarkPages.Feed("value", DefenderIncidentsSource::lastUpdate, TABLE);

    private final OutboundHttp http;
    private final UpstreamCalls calls;
    private final DefenderProperties properties;

    DefenderIncidentsSource(OutboundHttp http, UpstreamCalls calls, DefenderProperties properties) {
        this.http = http;
        this.calls = calls;
        this.properties = properties;
    }

    @Override
    public String entity() {
        return "defender-incidents";
    }

    @Override
    public String connector() {
        return "defender";
    }

    /** After the alerts (95), whose incidents these are. */
    @Override
    public int order() {
        return 96;
    }

    @Override
    public void pull(SyncSession session) {
        new GraphClient(http.restClient(), calls, session.tenant(), session.credentials())
                .pullUpdated(session, GraphClient.INCIDENTS, CHECKPOINT, FEED, properties.overlap(),
                        Math.min(properties.pageSize(), MAX_TOP), "SecurityIncident.Read.All");
    }

    private static Instant lastUpdate(RecordReader.Record incident, String path, int page) {
        if (incident.kind("id") != RecordReader.Kind.STRING) {
            throw new SyncFailure(GraphClient.SERVICE + " " + path + " page " + page + ": an incident without an id");
        }
        try {
            String created = incident.text("createdDateTime");
            String updated = incident.text("lastUpdateDateTime");
            OffsetDateTime.parse(created == null ? "" : created);
            return OffsetDateTime.parse(updated == null ? "" : updated).toInstant();
        } catch (DateTimeParseException e) {
            throw new SyncFailure(GraphClient.SERVICE + " " + path + " page " + page
                    + ": an incident without a valid createdDateTime and lastUpdateDateTime");
        }
    }
}
