package com.mspanalytics.connectors.connectwise;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.world.TicketBundle;
import com.mspanalytics.simulator.world.WorldChange;
import com.mspanalytics.support.Http;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.SimulatedTenantTest;
import com.mspanalytics.support.TestTenants;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Full and incremental ConnectWise sync against the simulator over real HTTP, into real PostgreSQL. */
class ConnectWiseSyncIntegrationTests extends SimulatedTenantTest {

    ConnectWiseSyncIntegrationTests() {
        super("connectwise");
    }

    @Test
    void fullSyncStoresExactlyWhatConnectWiseServes() {
        JsonNode run = sync("all");

        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(ticketIds()).isEqualTo(servedTicketIds());
        assertThat(count("cw_time_entries")).isEqualTo(simulators.live().view().timeEntries().size());
        assertThat(count("cw_companies")).isEqualTo(simulators.world().catalog().clients().size());
        assertThat(count("cw_members")).isEqualTo(simulators.world().catalog().techs().size());
        assertThat(count("cw_agreements")).isPositive();
        assertThat(count("cw_agreement_additions")).isPositive();
        assertThat(count("cw_boards")).isPositive();
        assertThat(count("cw_projects")).isEqualTo(simulators.world().catalog().projects().size());
        java.time.LocalDate today = simulators.live().view().now().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        List<List<Object>> phases = simulators.world().catalog().projects().stream()
                .flatMap(p -> p.phases().stream().filter(ph -> !ph.start().isAfter(today))
                        .map(ph -> List.<Object>of(ph.ticketId(), (long) p.id(), ph.name(), "Projects", (long) p.companyId())))
                .toList();
        assertThat(phases).as("the world has started project phases").isNotEmpty();
        assertThat(owner.sql("SELECT id, project_id, phase_name, board_name, company_id FROM cw_project_tickets "
                + "WHERE tenant_id = ? ORDER BY id").params(tenant.tenant().value())
                .query((rs, n) -> List.<Object>of(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5))).list())
                .containsExactlyInAnyOrderElementsOf(phases);
        TicketBundle sample = simulators.live().view().bundles().get(7);
        var stored = owner.sql("SELECT summary, board_name, company_id, owner_member_id, date_entered FROM cw_tickets "
                + "WHERE tenant_id = ? AND id = ?").params(tenant.tenant().value(), sample.ticket().id())
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getObject(5, java.time.OffsetDateTime.class).toInstant())).single();
        assertThat(stored).containsExactly(sample.ticket().summary(), sample.ticket().board().displayName(),
                (long) sample.ticket().client().id(), (long) sample.ticket().owner().id(),
                sample.ticket().dateEntered().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        long rows = count("cw_companies") + count("cw_contacts") + count("cw_members") + count("cw_boards")
                + count("cw_agreements") + count("cw_agreement_additions") + count("cw_projects") + count("cw_tickets")
                + count("cw_project_tickets") + count("cw_time_entries") + count("cw_ticket_status_changes");
        assertThat(run.path("fetched").asLong()).as("a first run reads each record once").isEqualTo(rows);
        assertThat(run.path("inserted").asLong()).isEqualTo(rows);
    }

    @Test
    void incrementalSyncPicksUpNewUpdatedAndDeletedTickets() {
        sync("tickets");
        WorldChange change = simulators.advanceClock(Duration.ofDays(2));

        JsonNode run = sync("tickets");

        assertThat(run.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("inserted").asLong()).isEqualTo(change.createdTicketIds().size());
        assertThat(run.path("updated").asLong()).isEqualTo(change.updatedTicketIds().size());
        assertThat(run.path("deleted").asLong()).isEqualTo(1);
        assertThat(ticketIds()).isEqualTo(servedTicketIds());
        assertThat(owner.sql("SELECT deleted_at IS NOT NULL FROM cw_tickets WHERE tenant_id = ? AND id = ?")
                .params(tenant.tenant().value(), change.deletedTicketIds().get(0)).query(Boolean.class).single()).isTrue();
        assertThat(run.path("fetched").asLong()).as("only the changes and the overlap are read, not everything")
                .isLessThan(servedTicketIds().size());
    }

    @Test
    void transientFaultsAreRetriedToAnExactResult() {
        simulators.faults("connectwise").serverErrorRate(0.10).rateLimitEvery(50, 1).dropEvery(37)
                .latency(Duration.ofMillis(2));

        JsonNode run = sync("tickets");

        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(ticketIds()).isEqualTo(servedTicketIds());
        assertThat(duplicateIds()).isZero();
    }

    @Test
    void aMalformedPageFailsTheRunNamingItAndTheNextRunFinishesExactly() {
        simulators.faults("connectwise").malformedPage("/service/tickets", 3);

        JsonNode failed = sync("tickets");

        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("error").asString()).contains("ConnectWise").contains("/service/tickets")
                .contains("page 3").contains("not valid JSON");
        long storedAfterFailure = ticketIds().size();
        assertThat(storedAfterFailure).as("pages 1 and 2 were committed with their checkpoint").isEqualTo(200);

        simulators.faults("connectwise").clear();
        JsonNode retried = sync("tickets");

        assertThat(retried.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(ticketIds()).isEqualTo(servedTicketIds());
        assertThat(retried.path("inserted").asLong()).isEqualTo(servedTicketIds().size() - storedAfterFailure);
    }

    @Test
    void aSecondStartWhileRunningReturnsTheSameRun() {
        simulators.faults("connectwise").latency(Duration.ofMillis(100));

        JsonNode first = Json.parse(http.post("/sync/tickets", "").body());
        JsonNode second = Json.parse(http.post("/sync/tickets", "").body());

        assertThat(second.path("runId").asString()).isEqualTo(first.path("runId").asString());
        simulators.faults("connectwise").clear();
    }

    @Test
    void anotherTenantsSyncIsInvisible() {
        sync("tickets");
        Http other = new Http(port, TestTenants.create(context).apiKey());

        assertThat(Json.parse(other.get("/sync/runs").body()).size()).isZero();
        String runId = Json.parse(http.get("/sync/runs?entity=tickets").body()).get(0).path("runId").asString();
        assertThat(other.get("/sync/runs/" + runId).statusCode()).isEqualTo(404);
        assertThat(other.post("/sync/tickets", "").statusCode()).isEqualTo(409);
    }

    private Set<Long> servedTicketIds() {
        return simulators.live().view().bundles().stream().map(b -> b.ticket().id()).collect(Collectors.toSet());
    }

    private Set<Long> ticketIds() {
        return Set.copyOf(owner.sql("SELECT id FROM cw_tickets WHERE tenant_id = ? AND deleted_at IS NULL")
                .params(tenant.tenant().value()).query(Long.class).list());
    }

    private long duplicateIds() {
        return countRows("SELECT count(*) - count(DISTINCT id) FROM cw_tickets WHERE tenant_id = ?");
    }

    private long count(String table) {
        return countRows("SELECT count(*) FROM " + table + " WHERE tenant_id = ? AND deleted_at IS NULL");
    }
}
