package com.mspanalytics.connectors.connectwise;

import com.mspanalytics.outbound.OutboundHttp;
import com.mspanalytics.outbound.OutboundUrlRejected;
import com.mspanalytics.outbound.UpstreamCalls;
import com.mspanalytics.outbound.UpstreamException;
import com.mspanalytics.sync.PageCounts;
import com.mspanalytics.sync.SyncFailure;
import com.mspanalytics.sync.SyncSession;
import com.mspanalytics.sync.SyncSource;
import com.mspanalytics.sync.Upsert;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Syncs the status history of ConnectWise service tickets (entity {@code ticket-history}) into
 * {@code cw_ticket_status_changes}, for KPI 03's reopen rate.
 *
 * <p>ConnectWise has no feed of status changes: the only documented source is each ticket's audit trail,
 * {@code GET /system/audittrail?type=Ticket&id=…}, one call per ticket (page-numbered;
 * forward-only paging does not work there). Calling it for every ticket on every run is out of the question (200k
 * tickets), so a run reads the trails of only the tickets that changed since its checkpoint, and of those only the
 * closed ones — the reopen rate is over closed tickets, and a closed ticket's trail is complete. A reopen or a second
 * close changes the ticket's {@code lastUpdated}, so the ticket comes round again. The tickets come from the local
 * {@code cw_tickets} (what the tickets entity synced), keyset-ordered by ({@code last_updated}, {@code id}) from the
 * checkpoint, never earlier than {@link TicketHistoryProperties#horizon} before the newest ticket: a first run reads a
 * few months of closed tickets, not the tenant's whole past. Each run starts the ConnectWise overlap before its
 * checkpoint, so a ticket written late by a concurrent tickets run is not skipped.
 *
 * <p>Per batch of tickets, the trails are fetched {@link TicketHistoryProperties#concurrency} at a time, each call
 * through {@link UpstreamCalls} (retries honouring {@code Retry-After}, the tenant's ConnectWise circuit breaker);
 * then the batch's status changes and the checkpoint after its last ticket are committed in one transaction, on the
 * run's thread. A ticket that answers 404 (deleted since it was synced) has no history; any other failure fails the
 * run, naming the ticket, and the next run resumes at the batch. Only entries whose text reads
 * {@code Status has been changed from "A" to "B"} are kept (the trail's other entries — notes, time, other fields —
 * are not stored); the text format is not documented by ConnectWise (read from observed trails).
 */
@Component
final class TicketHistorySource implements SyncSource {

    static final String CHECKPOINT = "connectwise:ticket-history";
    /** The quoted status names in a status-change entry's text; the same expression extracts them in SQL. */
    static final String STATUS_CHANGE_SQL = "from \"([^\"]*)\" to \"([^\"]*)\"";

    private static final Pattern STATUS_CHANGE = Pattern.compile("^\\s*status\\b.*" + STATUS_CHANGE_SQL,
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ENTITY = "ticket-history";
    private static final String PATH = "/system/audittrail";
    /**
     * One statement per batch of tickets, over a JSON array of {@code {"ticket": id, "entry": {…}}} (trails arrive
     * per ticket and hold few entries, so they are not staged): audit entries have no id, so the id is a 60-bit hash
     * of the ticket id and the entry, and an entry read again is the same row; unchanged entries are not rewritten.
     */
    private static final Upsert UPSERT = Upsert.into("cw_ticket_status_changes").key("id")
            .from("jsonb_array_elements(CAST(:page AS jsonb)) AS x, LATERAL (SELECT x->'entry' AS r) AS entry")
            .column("id", "('x' || left(md5((x->>'ticket') || '|' || r::text), 15))::bit(60)::bigint")
            .column("ticket_id", "CAST(x->>'ticket' AS bigint)")
            .column("changed_at", "(r->>'enteredDate')::timestamptz")
            .column("changed_by", "r->>'enteredBy'")
            .column("from_status", "(regexp_match(r->>'text', :status_change, 'i'))[1]")
            .column("to_status", "(regexp_match(r->>'text', :status_change, 'i'))[2]")
            .bind("status_change", STATUS_CHANGE_SQL)
            .undeletes()
            .build();
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final OutboundHttp http;
    private final UpstreamCalls calls;
    private final ConnectWiseProperties connectWise;
    private final TicketHistoryProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    TicketHistorySource(OutboundHttp http, UpstreamCalls calls, ConnectWiseProperties connectWise,
            TicketHistoryProperties properties, JdbcClient jdbc, TransactionTemplate transaction) {
        this.http = http;
        this.calls = calls;
        this.connectWise = connectWise;
        this.properties = properties;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public String entity() {
        return ENTITY;
    }

    @Override
    public String connector() {
        return "connectwise";
    }

    /** After tickets (60): it reads the tickets that run stored. */
    @Override
    public int order() {
        return 65;
    }

    @Override
    public void pull(SyncSession session) {
        Optional<Keyset> start = start(session);
        if (start.isEmpty()) {
            return;                                   // no ticket synced yet
        }
        ConnectWiseClient client = new ConnectWiseClient(http.restClient(), calls, session.tenant(), session.credentials());
        ExecutorService pool = Executors.newFixedThreadPool(properties.concurrency(), work -> {
            Thread thread = new Thread(work, "cw-history-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            Keyset position = start.get();
            while (true) {
                List<Keyset> tickets = closedTicketsAfter(session, position);
                if (tickets.isEmpty()) {
                    return;
                }
                List<Future<List<JsonNode>>> trails = new ArrayList<>(tickets.size());
                for (Keyset ticket : tickets) {
                    trails.add(pool.submit(() -> statusChanges(client, ticket.id())));
                }
                Map<Long, List<JsonNode>> changes = new LinkedHashMap<>();
                for (int i = 0; i < tickets.size(); i++) {
                    changes.put(tickets.get(i).id(), await(trails.get(i)));
                }
                Keyset last = tickets.get(tickets.size() - 1);
                int fetched = changes.values().stream().mapToInt(List::size).sum();
                ArrayNode page = JSON.createArrayNode();
                changes.forEach((ticket, entries) -> entries.forEach(entry ->
                        page.addObject().put("ticket", ticket).set("entry", entry)));
                session.commit(fetched, db -> page.isEmpty() ? PageCounts.NONE
                        : UPSERT.write(db, session.tenant(), Map.of("page", page.toString())), CHECKPOINT, last.format());
                if (tickets.size() < properties.batchSize()) {
                    return;
                }
                position = last;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Where this run starts: the overlap before the checkpoint, but never before the horizon (the newest synced
     * ticket's {@code last_updated} minus {@link TicketHistoryProperties#horizon}); empty when no ticket is synced.
     */
    private Optional<Keyset> start(SyncSession session) {
        Instant newest = transaction.execute(status -> jdbc.sql("SELECT max(last_updated) FROM cw_tickets WHERE tenant_id = :tenant")
                .param("tenant", session.tenant().value())
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)))
                .single().map(OffsetDateTime::toInstant).orElse(null));
        if (newest == null) {
            return Optional.empty();
        }
        Instant horizon = newest.minus(properties.horizon());
        return Optional.of(session.checkpoint(CHECKPOINT).map(Keyset::parse)
                .map(k -> new Keyset(k.lastUpdated().minus(connectWise.overlap()), 0))
                .filter(k -> k.lastUpdated().isAfter(horizon))
                .orElse(new Keyset(horizon, 0)));
    }

    /** The next batch of closed, not deleted, synced tickets strictly after {@code position} in (last_updated, id) order. */
    private List<Keyset> closedTicketsAfter(SyncSession session, Keyset position) {
        return transaction.execute(status -> jdbc.sql("""
                        SELECT id, last_updated FROM cw_tickets
                        WHERE tenant_id = :tenant AND closed AND deleted_at IS NULL
                          AND (last_updated, id) > (:lastUpdated, :id)
                        ORDER BY last_updated, id
                        LIMIT :limit""")
                .param("tenant", session.tenant().value())
                .param("lastUpdated", Timestamp.from(position.lastUpdated()))
                .param("id", position.id())
                .param("limit", properties.batchSize())
                .query((rs, n) -> new Keyset(rs.getObject("last_updated", OffsetDateTime.class).toInstant(), rs.getLong("id")))
                .list());
    }

    /** The status-change entries of one ticket's audit trail, every page of it, each distinct entry once. */
    private List<JsonNode> statusChanges(ConnectWiseClient client, long ticketId) {
        Set<JsonNode> changes = new LinkedHashSet<>();
        int pageSize = connectWise.pageSize();
        for (int page = 1; ; page++) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("type", "Ticket");
            query.put("id", Long.toString(ticketId));
            query.put("pageSize", String.valueOf(pageSize));
            query.put("page", String.valueOf(page));
            String body;
            try {
                body = client.get(PATH, query, Map.of());
            } catch (OutboundUrlRejected e) {
                throw new SyncFailure(e.getMessage() + "; fix baseUrl with PUT /settings/connectors/connectwise");
            } catch (UpstreamException e) {
                if (e.status() == 404) {
                    return List.of();                 // deleted since the tickets run saw it
                }
                throw new SyncFailure(e.getMessage() + " (ticket " + ticketId + ", page " + page + ")"
                        + (e.status() == 401 || e.status() == 403 ? "; check the connectwise credentials and that the "
                                + "API member may read the audit trail (PUT /settings/connectors/connectwise)" : ""));
            }
            JsonNode entries = ConnectWiseSource.parseArray(body, PATH + " of ticket " + ticketId, page);
            for (JsonNode entry : entries) {
                if (STATUS_CHANGE.matcher(entry.path("text").asString("")).find()) {
                    changes.add(entry);
                }
            }
            if (entries.size() < pageSize) {
                return List.copyOf(changes);
            }
        }
    }

    private static List<JsonNode> await(Future<List<JsonNode>> trail) {
        try {
            return trail.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncFailure("interrupted while reading ticket audit trails");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
