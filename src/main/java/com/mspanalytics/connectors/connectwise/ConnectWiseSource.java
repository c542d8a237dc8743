package com.mspanalytics.connectors.connectwise;

import com.mspanalytics.connectors.OutboundHttp;
import com.mspanalytics.connectors.OutboundUrlRejected;
import com.mspanalytics.connectors.UpstreamCalls;
import com.mspanalytics.connectors.UpstreamException;
import com.mspanalytics.sync.PageCounts;
import com.mspanalytics.sync.SyncFailure;
import com.mspanalytics.sync.SyncSession;
import com.mspanalytics.sync.SyncSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
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
 */
final class ConnectWiseSource implements SyncSource {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConnectWiseEntity entity;
    private final OutboundHttp http;
    private final UpstreamCalls calls;
    private final ConnectWiseProperties properties;
    private final Clock clock;

    ConnectWiseSource(ConnectWiseEntity entity, OutboundHttp http, UpstreamCalls calls, ConnectWiseProperties properties,
            Clock clock) {
        this.entity = entity;
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

    private void pullIncrementally(SyncSession session, ConnectWiseClient client) {
        String checkpointName = "connectwise:" + entity.entity();
        Keyset position = session.checkpoint(checkpointName).map(Keyset::parse)
                .map(k -> new Keyset(k.lastUpdated().minus(properties.overlap()), 0))
                .orElse(null);
        for (int page = 1; ; page++) {
            Map<String, String> query = new LinkedHashMap<>();
            if (position != null) {
                query.put("conditions", position.condition());
            }
            query.put("orderBy", "_info/lastUpdated asc, id asc");
            query.put("pageSize", String.valueOf(properties.pageSize()));
            query.put("page", "1");
            String body = fetch(client, entity.path(), query, page);
            JsonNode records = parseArray(body, entity.path(), page);
            if (records.isEmpty()) {
                return;
            }
            Keyset next = Keyset.of(records.get(records.size() - 1), entity.path(), page);
            session.commit(records.size(), upsert(session, body, null), checkpointName, next.format());
            if (entity.entity().equals("agreements")) {
                pullAdditions(session, client, records);
            }
            if (records.size() < properties.pageSize()) {
                return;
            }
            position = next;
        }
    }

    private void pullWhole(SyncSession session, ConnectWiseClient client) {
        for (int page = 1; ; page++) {
            String body = fetch(client, entity.path(), Map.of("orderBy", "id asc",
                    "pageSize", String.valueOf(properties.pageSize()), "page", String.valueOf(page)), page);
            JsonNode records = parseArray(body, entity.path(), page);
            if (records.isEmpty()) {
                return;
            }
            session.commit(records.size(), upsert(session, body, null), null, null);
            if (records.size() < properties.pageSize()) {
                return;
            }
        }
    }

    private void pullAdditions(SyncSession session, ConnectWiseClient client, JsonNode agreements) {
        ConnectWiseEntity additions = ConnectWiseEntity.ADDITIONS;
        for (JsonNode agreement : agreements) {
            long id = agreement.path("id").asLong();
            String path = additions.path().replace("{id}", Long.toString(id));
            for (int page = 1; ; page++) {
                String body = fetch(client, path, Map.of("pageSize", String.valueOf(properties.pageSize()),
                        "page", String.valueOf(page)), page);
                JsonNode records = parseArray(body, path, page);
                if (!records.isEmpty()) {
                    session.commit(records.size(), upsertOf(additions, session, body, id), null, null);
                }
                if (records.size() < properties.pageSize()) {
                    break;
                }
            }
        }
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
            String body = fetch(client, entity.path(), Map.of("fields", "id", "pageSize",
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
                WHERE deleted_at IS NULL AND NOT (id = ANY (CAST(:ids AS bigint[])))""".formatted(entity.table()))
                .param("ids", present).update()), checkpointName, now.toString());
    }

    private SyncSession.PageWrite upsert(SyncSession session, String body, Long parentId) {
        return upsertOf(entity, session, body, parentId);
    }

    static SyncSession.PageWrite upsertOf(ConnectWiseEntity target, SyncSession session, String body, Long parentId) {
        return (JdbcClient jdbc) -> {
            var statement = jdbc.sql(target.upsertSql()).param("tenant", session.tenant().value()).param("page", body);
            if (parentId != null) {
                statement = statement.param("parentId", parentId);
            }
            return statement.query((rs, n) -> new PageCounts(rs.getLong("inserted"), rs.getLong("updated"), 0)).single();
        };
    }

    private static String fetch(ConnectWiseClient client, String path, Map<String, String> query, int page) {
        return fetch(client, path, query, Map.of(), page);
    }

    private static String fetch(ConnectWiseClient client, String path, Map<String, String> query,
            Map<String, String> headers, int page) {
        try {
            return client.get(path, query, headers);
        } catch (OutboundUrlRejected e) {
            throw new SyncFailure(e.getMessage() + "; fix baseUrl with PUT /settings/connectors/connectwise");
        } catch (UpstreamException e) {
            throw e.onPage(page, "; check the connectwise credentials (PUT /settings/connectors/connectwise)");
        }
    }

    static JsonNode parseArray(String body, String path, int page) {
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
