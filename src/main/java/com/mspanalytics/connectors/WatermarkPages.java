package com.mspanalytics.connectors;

import com.mspanalytics.sync.RecordReader;
import com.mspanalytics.outbound.UpstreamHttp;
import com.mspanalytics.sync.PagePipeline;
import com.mspanalytics.sync.RecordTable;
import com.mspanalytics.sync.StagedRows;
import com.mspanalytics.sync.SyncSession;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run over a service's JSON pages of records that each carry an update time: each page is parsed once into its
 * table's staged rows ({@link RecordReader}), every record's update time is checked, the newest seen (the
 * checkpoint's position, where the next run's window starts) is kept, and the page is committed with it
 * ({@link SyncSession#commit(int, List, String, String)}: COPY into the staging table, then the table's upsert). How
 * to get from page to page, and whether the checkpoint may move before the last page, is the source's to say.
 */
public final class WatermarkPages {

    /**
     * What a source's pages hold.
     *
     * @param records the envelope's member with the records array
     * @param updateTime each record's update time; throws {@code SyncFailure} for a record without one (or an id);
     *     it reads staged fields of {@code table}
     * @param table where the records land: staged fields and the page's upsert
     */
    public record Feed(String records, UpdateTime updateTime, RecordTable table) {}

    @FunctionalInterface
    public interface UpdateTime {
        Instant of(RecordReader.Record record, String path, int page);
    }

    /**
     * Page {@code number}: its staged rows, its records and envelope, and the newest update time seen up to and
     * including it (what its commit moves the checkpoint to, even while a later page is already being read).
     */
    public record Page(int number, StagedRows rows, RecordReader.Page records, Instant newest) {

        public ObjectNode envelope() {
            return records.envelope();
        }
    }

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
    private final RecordReader reader;
    private final Instant watermark;
    private Instant newest;

    /** Reads the position last committed under {@code checkpoint}. */
    public WatermarkPages(SyncSession session, UpstreamHttp http, String checkpoint, Feed feed) {
        this.session = session;
        this.http = http;
        this.checkpoint = checkpoint;
        this.feed = feed;
        this.reader = new RecordReader(feed.table());
        this.watermark = session.checkpoint(checkpoint).map(Instant::parse).orElse(null);
        this.newest = watermark;
    }

    /** The newest update time of the last run, if one committed it. */
    public Optional<Instant> watermark() {
        return Optional.ofNullable(watermark);
    }

    /**
     * Page {@code number} of {@code path} parsed, checked and staged; its records count towards the newest update
     * time. Pages are read one after another (by one thread at a time).
     */
    public Page read(String body, String path, int number) {
        StagedRows rows = feed.table().rows();
        RecordReader.Page records = reader.read(body.getBytes(StandardCharsets.UTF_8), feed.records(), rows, Map.of(),
                problem -> http.failure(path, number, problem));
        for (RecordReader.Record record : records.records()) {
            Instant updated = feed.updateTime().of(record, path, number);
            newest = newest == null || updated.isAfter(newest) ? updated : newest;
        }
        return new Page(number, rows, records, newest);
    }

    /** Writes {@code page}; with {@code moveCheckpoint}, moves the checkpoint to the newest update time up to it. */
    public void commit(Page page, boolean moveCheckpoint) {
        String position = page.newest() == null ? null : page.newest().toString();
        session.commit(page.records().size(), List.of(page.rows()), moveCheckpoint && position != null ? checkpoint : null,
                position);
    }

    /** A page and the link to the one after it (null for the last). */
    private record Linked(Page page, URI next) {}

    /**
     * Reads {@code path} from {@code first} following the link in the envelope's {@code nextField} to the end, committing each
     * page, the next page read while one is written ({@link PagePipeline}). The checkpoint moves only with the last
     * page: for services whose order says nothing about the pages still to come, a run that fails mid-walk is read
     * again from the old checkpoint.
     */
    public void followLinks(URI first, String path, String nextField, Fetch fetch, Link link) {
        PagePipeline.run(checkpoint, (Linked previous) -> {
            if (previous != null && previous.next() == null) {
                return null;
            }
            int number = previous == null ? 1 : previous.page().number() + 1;
            Page page = read(fetch.page(previous == null ? first : previous.next(), number), path, number);
            JsonNode next = page.envelope().path(nextField);
            return new Linked(page, next.isString() && !next.asString().isBlank() ? link.follow(next.asString(), number)
                    : null);
        }, linked -> commit(linked.page(), linked.next() == null));
    }
}
