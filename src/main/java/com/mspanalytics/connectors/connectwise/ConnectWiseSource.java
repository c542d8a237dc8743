package com.mspanalytics.connectors.connectwise;

import com.mspanalytics.outbound.OutboundHttp;
import com.mspanalytics.outbound.OutboundUrlRejected;
import com.mspanalytics.sync.RecordReader;
import com.mspanalytics.outbound.UpstreamCalls;
import com.mspanalytics.outbound.UpstreamException;
import com.mspanalytics.sync.PageCounts;
import com.mspanalytics.sync.PagePipeline;
import com.mspanalytics.sync.StagedRows;
import com.mspanalytics.sync.SyncFailure;
import com.mspanalytics.sync.SyncSession;
import com.mspanalytics.sync.SyncSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Syncs one ConnectWise collection into its table.
 *
 * <p>Incremental collections are read by keyset on ({@code _info/lastUpdated}, {@code id}), always
 * page 1 of "after the last record I stored": unlike page numbers, a keyset cannot skip a record
 * when others change while we read, and the checkpoint after each page is exactly where to resume
 * after a crash. Each run starts {@code overlap} before the checkpoint; re-read records are not
 * rewritten. Small collections without {@code lastUpdated} are re-read whole.
 *
 * <p>Each page is parsed once into its table's staged rows ({@link RecordReader}) and written with its checkpoint in
 * one transaction (COPY into the staging table, one upsert from it); the next page is fetched and parsed meanwhile
 * ({@link PagePipeline}). A page that cannot be read fails the run once the pages before it are stored.
 */
final class ConnectWiseSource implements SyncSource {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final RecordReader ADDITIONS = new RecordReader(ConnectWiseEntity.ADDITIONS.table());

    private final ConnectWiseEntity entity;
    private final RecordReader reader;
    private final OutboundHttp http;
    private final UpstreamCalls calls;
    private final ConnectWiseProperties properties;
    private final Clock clock;

    ConnectWiseSource(ConnectWiseEntity entity, OutboundHttp http, UpstreamCalls calls, ConnectWiseProperties properties,
            Clock clock) {
        this.entity = entity;
        this.reader = new RecordReader(entity.table());
        this.http = http;
        this.calls = calls;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String entity() {
        return entity.entity();
    }

    @Override
    public String connector() {
        return "connectwise";
    }

    @Override
    public int order() {
        return entity.order();
    }

    @Override
    public void pull(SyncSession session) {
        ConnectWiseClient client = new ConnectWiseClient(http.restClient(), calls, session.tenant(), session.credentials());
        if (entity.incremental()) {
            pullIncrementally(session, client);
        } else {
            pullWhole(session, client);
        }
        if (entity.reconciled()) {
            reconcileDeletions(session, client);
        }
    }

    /** A page read ahead of the store: what to write, and where the next one starts. */
    private record Batch(int number, List<StagedRows> pages, int fetched, Keyset next, boolean last) {}

    private void pullIncrementally(SyncSession session, ConnectWiseClient client) {
        String checkpointName = "connectwise:" + entity.entity();
        Keyset start = session.checkpoint(checkpointName).map(Keyset::parse)
                .map(k -> new Keyset(k.lastUpdated().minus(properties.overlap()), 0))
                .orElse(null);
        // Page N+1 is fetched and parsed while page N is written; both steps of a page stay in order.
        PagePipeline.run(entity.entity(), (Batch previous) -> {
            if (previous != null && previous.last()) {
                return null;
            }
            int page = previous == null ? 1 : previous.number() + 1;
            Keyset position = previous == null ? start : previous.next();
            Map<String, String> query = new LinkedHashMap<>();
            if (position != null) {
                query.put("conditions", position.condition());
            }
            query.put("orderBy", "_info/lastUpdated asc, id asc");
            query.put("pageSize", String.valueOf(properties.pageSize()));
            query.put("page", "1");
            StagedRows rows = entity.table().rows();
            RecordReader.Page records = read(reader, fetch(client, entity.path(), query, page), entity.path(), page,
                    rows, Map.of());
            if (records.isEmpty()) {
                return null;
            }
            Keyset next = Keyset.of(records.last(), entity.path(), page);
            List<StagedRows> pages = new ArrayList<>(List.of(rows));
            if (entity.entity().equals("agreements")) {
                pages.add(additions(client, records));
            }
            int fetched = pages.stream().mapToInt(StagedRows::size).sum();
            return new Batch(page, pages, fetched, next, records.size() < properties.pageSize());
        }, batch -> session.commit(batch.fetched(), batch.pages(), checkpointName, batch.next().format()));
    }

    private void pullWhole(SyncSession session, ConnectWiseClient client) {
        PagePipeline.run(entity.entity(), (Batch previous) -> {
            if (previous != null && previous.last()) {
                return null;
            }
            int page = previous == null ? 1 : previous.number() + 1;
            StagedRows rows = entity.table().rows();
            RecordReader.Page records = read(reader, fetch(client, entity.path(), Map.of("orderBy", "id asc",
                    "pageSize", String.valueOf(properties.pageSize()), "page", String.valueOf(page)), page),
                    entity.path(), page, rows, Map.of());
            return records.isEmpty() ? null
                    : new Batch(page, List.of(rows), rows.size(), null, records.size() < properties.pageSize());
        }, batch -> session.commit(batch.fetched(), batch.pages(), null, null));
    }

    /**
     * The additions of every agreement of a page, staged together: they are written in the agreements' transaction,
     * so the checkpoint never passes an agreement whose additions are not stored.
     */
    private StagedRows additions(ConnectWiseClient client, RecordReader.Page agreements) {
        StagedRows rows = ConnectWiseEntity.ADDITIONS.table().rows();
        for (RecordReader.Record agreement : agreements.records()) {
            String id = agreement.text(ConnectWiseEntity.ID);
            String path = ConnectWiseEntity.ADDITIONS.path().replace("{id}", id == null ? "0" : id);
            for (int page = 1; ; page++) {
                RecordReader.Page records = read(ADDITIONS, fetch(client, path, Map.of("pageSize",
                        String.valueOf(properties.pageSize()), "page", String.valueOf(page)), page), path, page, rows,
                        Map.of("agreement_id", id == null ? "0" : id));
                if (records.size() < properties.pageSize()) {
                    break;
                }
            }
        }
        return rows;
    }

    /**
     * ConnectWise has no tombstones: now and then every id is listed (forward-only paging, ids only)
     * and rows whose id is gone are marked deleted, never removed.
     */
    private void reconcileDeletions(SyncSession session, ConnectWiseClient client) {
        String checkpointName = "connectwise:" + entity.entity() + ":reconciled";
        Instant now = clock.instant();
        Optional<Instant> last = session.checkpoint(checkpointName).map(Instant::parse);
        if (last.isPresent() && last.get().plus(properties.reconcileEvery()).isAfter(now)) {
            return;
        }
        List<Long> ids = new ArrayList<>();
        long after = 0;
        for (int page = 1; ; page++) {
            byte[] body = fetch(client, entity.path(), Map.of("fields", "id", "pageSize",
                    String.valueOf(properties.pageSize()), "pageId", Long.toString(after)),
                    Map.of("pagination-type", "forward-only"), page);
            JsonNode records = parseArray(body, entity.path(), page);
            records.forEach(r -> ids.add(r.path("id").asLong()));
            if (records.size() < properties.pageSize()) {
                break;
            }
            after = records.get(records.size() - 1).path("id").asLong();
        }
        Long[] present = ids.toArray(Long[]::new);
        session.commit(0, jdbc -> new PageCounts(0, 0, jdbc.sql("""
                UPDATE %s SET deleted_at = now()
                WHERE deleted_at IS NULL AND NOT (id = ANY (CAST(:ids AS bigint[])))""".formatted(entity.tableName()))
                .param("ids", present).update()), checkpointName, now.toString());
    }

    private static byte[] fetch(ConnectWiseClient client, String path, Map<String, String> query, int page) {
        return fetch(client, path, query, Map.of(), page);
    }

    /** Page {@code page} of {@code path} into {@code rows}; a failure names the page. */
    private static RecordReader.Page read(RecordReader reader, byte[] body, String path, int page, StagedRows rows,
            Map<String, String> params) {
        return reader.read(body, null, rows, params, problem -> new SyncFailure(ConnectWiseClient.SERVICE + " " + path
                + " page " + page + ": " + problem));
    }

    private static byte[] fetch(ConnectWiseClient client, String path, Map<String, String> query,
            Map<String, String> headers, int page) {
        try {
            return client.bytes(path, query, headers);
        } catch (OutboundUrlRejected e) {
            throw new SyncFailure(e.getMessage() + "; fix baseUrl with PUT /settings/connectors/connectwise");
        } catch (UpstreamException e) {
            throw e.onPage(page, "; check the connectwise credentials (PUT /settings/connectors/connectwise)");
        }
    }

    static JsonNode parseArray(String body, String path, int page) {
        return parseArray(body.getBytes(StandardCharsets.UTF_8), path, page);
    }

    static JsonNode parseArray(byte[] body, String path, int page) {
        try {
            JsonNode node = JSON.readTree(body);
            if (!node.isArray()) {
                throw new SyncFailure(ConnectWiseClient.SERVICE + " " + path + " page " + page + ": expected a JSON array");
            }
            return node;
        } catch (JacksonException e) {
            throw new SyncFailure(ConnectWiseClient.SERVICE + " " + path + " page " + page
                    + ": the response is not valid JSON");
        }
    }
}
