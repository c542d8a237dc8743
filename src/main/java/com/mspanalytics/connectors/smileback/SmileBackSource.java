package com.mspanalytics.connectors.smileback;

import com.mspanalytics.outbound.OutboundHttp;
import com.mspanalytics.sync.RecordReader;
import com.mspanalytics.outbound.UpstreamCalls;
import com.mspanalytics.outbound.UpstreamException;
import com.mspanalytics.connectors.WatermarkPages;
import com.mspanalytics.sync.RecordTable;
import com.mspanalytics.sync.SyncFailure;
import com.mspanalytics.sync.SyncSession;
import com.mspanalytics.sync.SyncSource;
import com.mspanalytics.sync.Upsert;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Syncs SmileBack CSAT reviews into {@code smileback_reviews} (entity and connector {@code smileback}).
 *
 * <p>Reads {@code /v3/reviews/?include_unrated=true} (unrated reviews are needed for the response rate) and
 * follows {@code next} to the end. Incremental runs ask for {@code modified_since} = checkpoint − overlap; the
 * checkpoint is the largest {@code last_modified} seen. It moves only with the last page of a run: SmileBack does
 * not document the order of a filtered list, so a page's maximum says nothing about the pages still to come, and
 * a run that fails (or a process that dies) mid-walk is simply read again from the old checkpoint (re-read reviews
 * are not rewritten).
 *
 * <p>Why limit/offset paging under a fixed {@code modified_since} cannot lose a review for good: the filter only
 * ever gains members (a modification moves {@code last_modified} forward, deletion is a {@code status: deleted}
 * tombstone that keeps its place), so a shift while we walk can only make us read a review twice. A review changed
 * after we read it has a {@code last_modified} after the walk began, and the next run's window starts an overlap
 * before the largest timestamp we saw, which covers it as long as a walk is shorter than the overlap.
 *
 * <p>{@code status: deleted} marks the row deleted ({@code deleted_at}); it is never removed.
 */
@Component
final class SmileBackSource implements SyncSource {

    static final String CHECKPOINT = "smileback:reviews";

    /**
     * The page's reviews, staged, in one statement: the columns are documented in V6. A page keeps one review per id
     * (the newest by {@code last_modified}, compared as sent); re-read reviews whose raw JSON did not change are not
     * written.
     */
    static final RecordTable TABLE = RecordTable.into("smileback_reviews")
            .stage(RecordTable.Type.TEXT, "id", "last_modified", "ticket.id", "company.id", "company.name",
                    "contact.id", "rating", "status", "ticket.closed_on", "rated_on")
            .stage(RecordTable.Type.JSONB, "ticket.agents")
            .build(stage -> Upsert.into("smileback_reviews").key("id")
                    .with("page", Upsert.newestPer("\"id\"", "\"last_modified\"", stage))
                    .from("page")
                    .column("id", "CAST(\"id\" AS bigint)")
                    .column("ticket_id", "CASE WHEN \"ticket.id\" ~ '^[0-9]{1,18}$' THEN CAST(\"ticket.id\" AS bigint) END")
                    .column("agents", """
                            ARRAY(SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof("ticket.agents") = 'array'
                                                                   THEN "ticket.agents" ELSE '[]' END))""")
                    .column("company_id", "\"company.id\"")
                    .column("company_name", "\"company.name\"")
                    .column("contact_id", "\"contact.id\"")
                    .column("score", "CASE \"rating\" WHEN '1' THEN 1 WHEN '0' THEN 0 WHEN '-1' THEN -1 END")
                    .column("rating", """
                            CASE "rating" WHEN '1' THEN 'positive' WHEN '0' THEN 'neutral' WHEN '-1' THEN 'negative' END""")
                    .column("status", "\"status\"")
                    .column("created_at", "CAST(\"ticket.closed_on\" AS timestamptz)")
                    .column("rated_at", "CAST(\"rated_on\" AS timestamptz)")
                    .column("last_updated", "CAST(\"last_modified\" AS timestamptz)")
                    .deletedWhen("status", "deleted")
                    .build());

    private static final WatermarkPages.Feed FEED = new WatermarkPages.Feed("results", SmileBackSource::lastModified, TABLE);

    private final OutboundHttp http;
    private final UpstreamCalls calls;
    private final SmileBackProperties properties;

    SmileBackSource(OutboundHttp http, UpstreamCalls calls, SmileBackProperties properties) {
        this.http = http;
        this.calls = calls;
        this.properties = properties;
    }

    @Override
    public String entity() {
        return "smileback";
    }

    @Override
    public String connector() {
        return "smileback";
    }

    @Override
    public int order() {
        return 80;
    }

    @Override
    public void pull(SyncSession session) {
        SmileBackClient client = new SmileBackClient(http.restClient(), calls, session.tenant(), session.credentials());
        WatermarkPages pages = new WatermarkPages(session, client.http(), CHECKPOINT, FEED);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("include_unrated", "true");
        query.put("limit", String.valueOf(properties.pageSize()));
        pages.watermark().ifPresent(watermark ->
                query.put("modified_since", watermark.minus(properties.overlap()).toString()));
        URI first = client.uri(SmileBackClient.REVIEWS, query);
        String path = first.getPath();
        pages.followLinks(first, path, "next", (target, page) -> fetch(client, target, page),
                (link, page) -> client.next(link, path, page));
    }

    private static Instant lastModified(RecordReader.Record review, String path, int page) {
        if (review.kind("id") != RecordReader.Kind.NUMBER || !review.text("id").matches("-?[0-9]{1,18}")) {
            throw new SyncFailure(SmileBackClient.SERVICE + " " + path + " page " + page + ": a review without a numeric id");
        }
        try {
            String modified = review.text("last_modified");
            return OffsetDateTime.parse(modified == null ? "" : modified).toInstant();
        } catch (DateTimeParseException e) {
            throw new SyncFailure(SmileBackClient.SERVICE + " " + path + " page " + page
                    + ": a review without a valid last_modified");
        }
    }

    private static String fetch(SmileBackClient client, URI target, int page) {
        try {
            return client.get(target);
        } catch (UpstreamException e) {
            throw e.onPage(page, "; check the smileback credentials (PUT /settings/connectors/smileback)");
        }
    }
}
