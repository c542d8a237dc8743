package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.world.PlantedFact;
import com.mspanalytics.support.Http;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.KpiWorldTest;
import com.mspanalytics.support.SyncedWorld;
import com.mspanalytics.support.TestDatabase;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The headlines of KPIs 01, 02 and 06 on the demo's world (SMALL: 30 clients, 15 techs, ~18,000
 * tickets a year, default settings), held to what a service manager of such an MSP would believe,
 * and the planted facts at the top of their lists. The bounds are computed here from the database,
 * not from the KPI: clients and labour come from the synced rows themselves.
 */
@KpiWorldTest
class DemoWorldHeadlinesIntegrationTests {

    static final BigDecimal HOURLY_COST = new BigDecimal("60.00"); // the tenant default

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    SyncedWorld world;
    Http http;
    JdbcClient owner = JdbcClient.create(TestDatabase.ownerDataSource());

    @BeforeEach
    void syncTheDemoWorld() {
        world = SyncedWorld.small(context);
        http = new Http(port, world.tenant().apiKey());
    }

    @Test
    void theSyncLeavesFreshPlannerStatisticsForTheKpisThatFollow() {
        // the first run that stored enough rows to refresh them: the one whose plans mattered (autovacuum, which
        // would come later, sets last_autoanalyze, never last_analyze)
        Timestamp syncStarted = owner.sql("SELECT min(started_at) FROM sync_runs WHERE tenant_id = ? AND inserted + updated >= ?")
                .params(world.tenant().tenant().value(), 5_000) // SyncRunner.ANALYZE_AFTER_ROWS
                .query(Timestamp.class).single();
        assertThat(syncStarted).as("a run of the demo world that stored 5,000 rows or more").isNotNull();
        for (String table : List.of("cw_tickets", "cw_time_entries", "cw_companies")) {
            Timestamp analyzed = owner.sql("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = ?")
                    .param(table).query(Timestamp.class).optional().orElse(null);
            assertThat(analyzed).as("ANALYZE of %s by the sync that started at %s", table, syncStarted)
                    .isNotNull().isAfterOrEqualTo(syncStarted);
        }
    }

    @Test
    void salesOpportunitiesAverageAtMostTwoPerClientAndThePlantedOneIsInTheTopTen() {
        JsonNode result = compute("sales-opportunities");
        JsonNode summary = result.path("summary");
        long clients = owner.sql("SELECT count(*) FROM cw_companies WHERE tenant_id = ?")
                .param(world.tenant().tenant().value()).query(Long.class).single();
        System.out.println("KPI 01 on SMALL: " + summary + "; rows " + result.path("rows").valueStream()
                .map(r -> r.path("clientIdentifier").asString() + "|" + r.path("category").asString() + " n=" + r.path("ticketCount")
                        + " ratio=" + r.path("ratio") + " saving=" + r.path("expectedSaving")).toList());

        assertThat(clients).isEqualTo(30);
        assertThat(summary.path("opportunities").asInt()).isPositive().isLessThanOrEqualTo((int) (2 * clients));
        assertThat(result.path("rows").size()).isEqualTo(Math.min(10, summary.path("opportunities").asInt()));
        assertThat(summary.path("shown").asInt() + summary.path("more").asInt())
                .isEqualTo(summary.path("opportunities").asInt());
        List<PlantedFact> facts = world.ledger().factsFor("sales-opportunities");
        assertThat(facts).isNotEmpty();
        for (PlantedFact fact : facts) {
            assertThat(result.path("rows").valueStream()
                    .anyMatch(r -> r.path("clientIdentifier").asString().equals(fact.keys().get("client"))
                            && r.path("category").asString().equals(fact.keys().get("category"))))
                    .as("%s in the top 10 of %s", fact, result.path("rows")).isTrue();
        }
    }

    @Test
    void improvementProjectsSaveAtMostATenthOfTheYearsLabourAndThePlantedOneIsInTheTopTen() {
        JsonNode result = compute("improvement-projects");
        JsonNode summary = result.path("summary");
        // the year to END_DATE: 365 days of logged time, at the tenant's hourly cost
        BigDecimal yearHours = owner.sql("""
                SELECT coalesce(sum(actual_hours), 0) FROM cw_time_entries
                WHERE tenant_id = ? AND deleted_at IS NULL AND time_start >= ? AND time_start < ?""")
                .params(world.tenant().tenant().value(),
                        Timestamp.from(SyncedWorld.END_DATE.minusDays(364).atStartOfDay(ZoneOffset.UTC).toInstant()),
                        Timestamp.from(SyncedWorld.END_DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .query(BigDecimal.class).single();
        BigDecimal labourCost = yearHours.multiply(HOURLY_COST);
        BigDecimal saving = summary.path("totalAnnualSaving").decimalValue();
        System.out.println("KPI 06 on SMALL: " + summary + "; year's hours " + yearHours + ", labour cost " + labourCost
                + ", saving/labour " + saving.doubleValue() / labourCost.doubleValue());

        assertThat(yearHours).isGreaterThan(new BigDecimal("10000")); // 15 techs: a real year of work
        assertThat(saving).isPositive().isLessThanOrEqualTo(labourCost.multiply(new BigDecimal("0.10")));
        assertThat(result.path("rows").size()).isLessThanOrEqualTo(10);
        List<PlantedFact> facts = world.ledger().factsFor("improvement-projects");
        assertThat(facts).isNotEmpty();
        for (PlantedFact fact : facts) {
            assertThat(result.path("rows").valueStream()
                    .anyMatch(r -> r.path("category").asString().equals(fact.keys().get("category"))))
                    .as("%s in the top 10 of %s", fact, result.path("rows")).isTrue();
        }
    }

    @Test
    void clientTrainingNeedsFlagAFewContactsAndThePlantedOne() {
        JsonNode result = compute("client-training-needs");
        JsonNode summary = result.path("summary");
        long activeContacts = owner.sql("""
                SELECT count(DISTINCT contact_id) FROM cw_tickets
                WHERE tenant_id = ? AND deleted_at IS NULL AND contact_id IS NOT NULL AND date_entered >= ? AND date_entered < ?""")
                .params(world.tenant().tenant().value(),
                        Timestamp.from(SyncedWorld.END_DATE.minusDays(89).atStartOfDay(ZoneOffset.UTC).toInstant()),
                        Timestamp.from(SyncedWorld.END_DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .query(Long.class).single();
        System.out.println("KPI 02 on SMALL: " + summary + "; active contacts " + activeContacts);

        // a training plan for more than one contact in twenty is not a finding but a background rate
        assertThat(summary.path("flaggedContacts").asLong()).isLessThanOrEqualTo(activeContacts / 20);
        assertThat(summary.path("flaggedClients").asInt()).isLessThanOrEqualTo(5);
        // the planted contact; the planted client is a fact of the tiny world only (at SMALL, Umbrella's 6.0 training
        // tickets per active contact are 1.67x the median of 3.58, under the ratio of 2 that a client needs)
        PlantedFact pat = world.ledger().factsFor("client-training-needs").stream()
                .filter(f -> f.kind().equals("training-contact")).findFirst().orElseThrow();
        assertThat(result.path("rows").valueStream().anyMatch(r -> r.path("level").asString().equals("contact")
                && r.path("clientIdentifier").asString().equals(pat.keys().get("client"))
                && r.path("contact").asString().equals(pat.keys().get("contact"))))
                .as("%s in %s", pat, result.path("rows")).isTrue();
    }

    /**
     * POSTs {@code {"asOf": END_DATE}}; a longer timeout than {@link Http}'s 30 s, because right after the sync the
     * app recomputes every KPI of the tenant on the sync worker while these requests run.
     */
    private JsonNode compute(String slug) {
        long started = System.nanoTime();
        var response = http.send(http.request("/compute/kpi/" + slug, "Content-Type", "application/json")
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"asOf\":\"" + SyncedWorld.END_DATE + "\"}")).build());
        System.out.println(slug + " computed in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }
}
