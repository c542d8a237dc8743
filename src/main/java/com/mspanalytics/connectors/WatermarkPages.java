package com.mspanalytics.connectors;

import com.mspanalytics.sync.PageCounts;
import com.mspanalytics.sync.SyncSession;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One run over a service's JSON pages of records that each carry an update time, every page upserted in one
 * statement straight from the response body: each page's records array is checked, the newest update time seen
 * (the checkpoint's position, where the next run's window starts) is kept, and the page is committed with it. How
 * to get from page to page, and whether the checkpoint may move before the last page, is the source's to say.
 */
public final class WatermarkPages {

    /**
     * What a source's pages hold.
     *
     * @param records the envelope's field with the records array
     * @param updateTime each record's update time; throws {@code SyncFailure} for a record without one (or an id)
     * @param upsert the page's statement: {@code :tenant} and {@code :page} (the body) in; counts {@code inserted},
     *     {@code updated} and, when {@code marksDeleted}, {@code deleted} out
     */
    public record Feed(String records, UpdateTime updateTime, String upsert, boolean marksDeleted) {}

    @FunctionalInterface
    public interface UpdateTime {
        Instant of(JsonNode record, String path, int page);
    }

    /** Page {@code number}'s body, its envelope and the records in it. */
    public record Page(int number, String body, JsonNode envelope, JsonNode records) {}

    /** Page {@code page} from the service (a failure naming the page and what to check); {@code target} is its link. */
    @FunctionalInterface
    public interface Fetch {
        String page(URI target, int page);
    }

    /** The link in a page, checked: a {@code SyncFailure} when it must not be followed. */
    @FunctionalInterface
    public interface Link {
        URI follow(String link, int page);
    }

    private final SyncSession session;
    private final UpstreamHttp http;
    private final String checkpoint;
    private final Feed feed;
    private final Instant watermark;
    private Instant newest;

    /** Reads the position last committed under {@code checkpoint}. */
    public WatermarkPages(SyncSession session, UpstreamHttp http, String checkpoint, Feed feed) {
        this.session = session;
        this.http = http;
        this.checkpoint = checkpoint;
        this.feed = feed;
        this.watermark = session.checkpoint(checkpoint).map(Instant::parse).orElse(null);
        this.newest = watermark;
    }

    /** The newest update time of the last run, if one committed it. */
    public Optional<Instant> watermark() {
        return Optional.ofNullable(watermark);
    }

    /** Page {@code number} of {@code path} parsed and checked; its records count towards the newest update time. */
    public Page read(String body, String path, int number) {
        JsonNode envelope = http.parse(body, path, number);
        JsonNode records = envelope.path(feed.records());
        if (!records.isArray()) {
            throw http.failure(path, number, "no " + feed.records() + " array");
        }
        for (JsonNode record : records) {
            Instant updated = feed.updateTime().of(record, path, number);
            newest = newest == null || updated.isAfter(newest) ? updated : newest;
        }
        return new Page(number, body, envelope, records);
    }

    /** Writes {@code page}; with {@code moveCheckpoint}, moves the checkpoint to the newest update time seen. */
    public void commit(Page page, boolean moveCheckpoint) {
        String position = newest == null ? null : newest.toString();
        session.commit(page.records().size(), jdbc -> jdbc.sql(feed.upsert()).param("tenant", session.tenant().value())
                .param("page", page.body())
                .query((rs, n) -> new PageCounts(rs.getLong("inserted"), rs.getLong("updated"),
                        feed.marksDeleted() ? rs.getLong("deleted") : 0))
                .single(), moveCheckpoint && position != null ? checkpoint : null, position);
    }

    /**
     * Reads {@code path} from {@code first} following the link in the envelope's {@code nextField} to the end, committing each
     * page. The checkpoint moves only with the last page: for services whose order says nothing about the pages still
     * to come, a run that fails mid-walk is read again from the old checkpoint.
     */
    public void followLinks(URI first, String path, String nextField, Fetch fetch, Link link) {
        URI target = first;
        for (int number = 1; target != null; number++) {
            Page page = read(fetch.page(target, number), path, number);
            JsonNode next = page.envelope().path(nextField);
            target = next.isString() && !next.asString().isBlank() ? link.follow(next.asString(), number) : null;
            commit(page, target == null);
        }
    }
}
