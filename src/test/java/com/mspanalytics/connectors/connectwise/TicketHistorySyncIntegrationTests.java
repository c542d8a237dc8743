package com.mspanalytics.connectors.connectwise;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.http.RecordedRequest;
import com.mspanalytics.simulator.world.Ticket;
import com.mspanalytics.simulator.world.TicketBundle;
import com.mspanalytics.simulator.world.WorldView;
import com.mspanalytics.support.SimulatedTenantTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * ConnectWise ticket status history (entity ticket-history, the audit trail of each closed ticket that changed)
 * against the simulator over real HTTP, into real PostgreSQL. Expected rows come from the world itself: a closed
 * ticket was moved New → In Progress when answered and In Progress → Closed when closed, plus Closed → In Progress and
 * the close before it when it was reopened.
 */
class TicketHistorySyncIntegrationTests extends SimulatedTenantTest {

    /** TicketHistoryProperties' default horizon, before the newest synced ticket. */
    static final Duration HORIZON = Duration.ofDays(120);
    /** ConnectWiseProperties' default overlap. */
    static final Duration OVERLAP = Duration.ofMinutes(5);

    TicketHistorySyncIntegrationTests() {
        super("connectwise");
    }

    @Test
    void fullThenIncrementalSyncStoresExactlyTheStatusChangesOfChangedClosedTickets() {
        sync("tickets");
        WorldView first = simulators.live().view();
        Instant horizon = newest(first).minus(HORIZON);

        JsonNode run = sync("ticket-history");

        Set<String> expected = statusChanges(first, horizon);
        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(stored()).isEqualTo(expected);
        assertThat(run.path("fetched").asLong()).isEqualTo(expected.size());
        assertThat(run.path("inserted").asLong()).isEqualTo(expected.size());
        long closedInHorizon = first.bundles().stream().filter(b -> inHorizon(first, b, horizon)).count();
        assertThat(auditTrailCalls()).as("one call per closed ticket changed within the horizon, none for the others")
                .isEqualTo(closedInHorizon).isLessThan(first.bundles().size());
        assertThat(first.bundles().stream().filter(b -> b.ticket().isClosedAt(first.now()))
                .anyMatch(b -> !inHorizon(first, b, horizon))).as("older closed tickets exist and were skipped").isTrue();
        Keyset checkpoint = Keyset.parse(checkpoint(TicketHistorySource.CHECKPOINT));

        int callsBefore = simulators.requests("connectwise").size();
        simulators.advanceClock(Duration.ofDays(2));
        sync("tickets");
        WorldView second = simulators.live().view();
        JsonNode incremental = sync("ticket-history");

        Set<String> now = statusChanges(second, horizon);
        Set<String> added = new TreeSet<>(now);
        added.removeAll(expected);
        Set<String> union = new TreeSet<>(expected);
        union.addAll(now);
        assertThat(incremental.path("status").asString()).as(incremental.toString()).isEqualTo("SUCCEEDED");
        assertThat(added).as("tickets closed in those two days").isNotEmpty();
        assertThat(stored()).as("the deleted ticket's history stays").isEqualTo(union);
        assertThat(incremental.path("inserted").asLong()).isEqualTo(added.size());
        assertThat(incremental.path("updated").asLong()).as("re-read trails are not rewritten").isZero();
        Instant from = checkpoint.lastUpdated().minus(OVERLAP);
        long changedSince = second.bundles().stream().filter(b -> b.ticket().isClosedAt(second.now())
                && !lastUpdated(second, b).isBefore(from)).count();
        assertThat(auditTrailCalls(callsBefore)).as("only closed tickets changed since the checkpoint (less the overlap)")
                .isEqualTo(changedSince);
    }

    @Test
    void aReopenedTicketKeepsItsWholeStatusHistory() {
        sync("tickets");
        sync("ticket-history");

        WorldView view = simulators.live().view();
        Ticket reopened = view.bundles().stream().map(TicketBundle::ticket)
                .filter(t -> t.reopen() != null && t.isClosedAt(view.now()))
                .max((a, b) -> a.closedAt().compareTo(b.closedAt())).orElseThrow();
        List<String> history = owner.sql("""
                        SELECT from_status || ' -> ' || to_status || ' by ' || changed_by FROM cw_ticket_status_changes
                        WHERE tenant_id = ? AND ticket_id = ? ORDER BY changed_at""")
                .params(tenant.tenant().value(), reopened.id()).query(String.class).list();
        assertThat(history).containsExactly("New -> In Progress by " + reopened.owner().identifier(),
                "In Progress -> Closed by " + reopened.owner().identifier(),
                "Closed -> In Progress by " + reopened.contact().email(),
                "In Progress -> Closed by " + reopened.owner().identifier());
        assertThat(countRows("SELECT count(*) FROM cw_ticket_status_changes WHERE tenant_id = ? AND ticket_id = ? "
                + "AND raw->>'auditSubType' = 'Status' AND raw->>'text' LIKE 'Status has been changed%'", reopened.id()))
                .as("the raw audit entry is kept").isEqualTo(4);
    }

    @Test
    void transientFaultsAreRetriedToAnExactResult() {
        sync("tickets");
        Instant horizon = newest(simulators.live().view()).minus(HORIZON);
        simulators.faults("connectwise").serverErrorRate(0.10).rateLimitEvery(50, 1).dropEvery(37)
                .latency(Duration.ofMillis(2));

        JsonNode run = sync("ticket-history");

        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(stored()).isEqualTo(statusChanges(simulators.live().view(), horizon));
        assertThat(countRows("SELECT count(*) - count(DISTINCT id) FROM cw_ticket_status_changes WHERE tenant_id = ?")).isZero();
    }

    @Test
    void aMalformedTrailFailsTheRunNamingTheTicketAndTheNextRunFinishesExactly() {
        sync("tickets");
        WorldView view = simulators.live().view();
        Instant horizon = newest(view).minus(HORIZON);
        simulators.faults("connectwise").malformedPage("/system/audittrail", 150);

        JsonNode failed = sync("ticket-history");

        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("error").asString()).contains("ConnectWise /system/audittrail of ticket ")
                .contains("not valid JSON");
        long ticketsStored = countRows("SELECT count(DISTINCT ticket_id) FROM cw_ticket_status_changes WHERE tenant_id = ?");
        assertThat(ticketsStored).as("the first batch of 100 tickets was committed with its checkpoint").isEqualTo(100);
        assertThat(checkpoint(TicketHistorySource.CHECKPOINT)).isNotNull();

        simulators.faults("connectwise").clear();
        JsonNode retried = sync("ticket-history");

        assertThat(retried.path("status").asString()).as(retried.toString()).isEqualTo("SUCCEEDED");
        assertThat(stored()).isEqualTo(statusChanges(view, horizon));
    }

    /** "ticket|from|to|changedAt" of every status change the closed tickets in the horizon went through. */
    private static Set<String> statusChanges(WorldView view, Instant horizon) {
        Set<String> rows = new TreeSet<>();
        for (TicketBundle b : view.bundles()) {
            if (!inHorizon(view, b, horizon)) {
                continue;
            }
            Ticket t = b.ticket();
            rows.add(row(t, "New", "In Progress", t.respondedAt()));
            if (t.reopen() != null) {
                rows.add(row(t, "In Progress", "Closed", t.reopen().closedAt()));
                rows.add(row(t, "Closed", "In Progress", t.reopen().reopenedAt()));
            }
            rows.add(row(t, "In Progress", "Closed", t.closedAt()));
        }
        return rows;
    }

    private static boolean inHorizon(WorldView view, TicketBundle b, Instant horizon) {
        return b.ticket().isClosedAt(view.now()) && !lastUpdated(view, b).isBefore(horizon);
    }

    private static String row(Ticket t, String from, String to, Instant at) {
        return t.id() + "|" + from + "|" + to + "|" + at.truncatedTo(ChronoUnit.SECONDS);
    }

    /** As ConnectWise shows it: to the second. */
    private static Instant lastUpdated(WorldView view, TicketBundle b) {
        return view.lastUpdated(b).truncatedTo(ChronoUnit.SECONDS);
    }

    private static Instant newest(WorldView view) {
        return view.bundles().stream().map(b -> lastUpdated(view, b)).max(Instant::compareTo).orElseThrow();
    }

    private Set<String> stored() {
        return new TreeSet<>(owner.sql("""
                        SELECT ticket_id, from_status, to_status, changed_at
                        FROM cw_ticket_status_changes WHERE tenant_id = ? AND deleted_at IS NULL""")
                .params(tenant.tenant().value())
                .query((rs, n) -> rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|"
                        + rs.getObject(4, OffsetDateTime.class).toInstant())
                .list());
    }

    private long auditTrailCalls() {
        return auditTrailCalls(0);
    }

    /** Successful audit-trail calls after the first {@code skip} requests the ConnectWise simulator recorded. */
    private long auditTrailCalls(int skip) {
        List<RecordedRequest> requests = simulators.requests("connectwise");
        return requests.subList(skip, requests.size()).stream()
                .filter(r -> r.path().endsWith("/system/audittrail") && r.status() == 200).count();
    }
}
