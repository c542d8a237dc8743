package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.KpiFixtures;
import com.mspanalytics.support.KpiIntegrationTest;
import com.mspanalytics.support.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * KPI 07 on a hand-built team whose numbers are worked out here. Window: 30 days to Friday 2026-11-20, i.e.
 * 2026-10-22..2026-11-20, 22 working days (8 weekend days left out), 176 h available at 8 h a day.
 */
@IntegrationTest
class TechEfficiencyIntegrationTests extends KpiIntegrationTest {

    static final String KPI = "tech-efficiency";

    static final String AS_OF = "2026-11-20";

    KpiFixtures data;
    long acme;
    long carol;

    /**
     * alice owns 4 tickets closed in the window, resolved in 2, 4, 30 and 10 h:
     * T1 (2 h, one 1.00 h billable entry, rated +1) and T2 (4 h, one 0.50 h entry, +1) are one-touch;
     * T3 (30 h, one 2.00 h entry, −1) is too slow; T4 (10 h, alice 1.00 h billable + bob 1.50 h no-charge) has two entries.
     * Median 7, p90 10 + 0.7 × 20 = 24, hours 6.00 → 1.50 per ticket, fcr 2/4, CSAT 2 of 3 positive, score 1/3,
     * billable 4.50 h / 176 = 0.0256. bob owns one ticket resolved in 1 h with no time entry and no review (not
     * one-touch: no entry), and logs only no-charge time: utilization 0. Also ignored: alice's ticket closed before
     * the window and an open one. carol only logs time (on an open ticket).
     * Team: 5 closed, median 4, p90 10 + 0.6 × 20 = 22, 6.00 h → 1.20, fcr 2/5, utilization 4.5 / (3 × 176).
     */
    @BeforeEach
    void team() {
        data = new KpiFixtures(tenant.tenant());
        acme = data.company("ACME", "Acme Dental");
        long alice = data.member("alice");
        long bob = data.member("bob");
        carol = data.member("carol");
        long[] hoursToClose = {2, 4, 30, 10};
        String[] entry = {"1.00", "0.50", "2.00", "1.00"};
        int[] score = {1, 1, -1};
        for (int i = 0; i < 4; i++) {
            Instant entered = Instant.parse("2026-11-02T10:00:00Z").plus(i, ChronoUnit.DAYS);
            long ticket = data.ticket(acme, entered).category("Network", null, null).owner(alice)
                    .closed(entered.plus(hoursToClose[i], ChronoUnit.HOURS)).create();
            data.timeEntry(ticket, acme, alice, entered.plus(30, ChronoUnit.MINUTES), entry[i], "Remote", "Billable");
            if (i == 3) {
                data.timeEntry(ticket, acme, bob, entered.plus(2, ChronoUnit.HOURS), "1.50", "Remote", "NoCharge");
            }
            if (i < 3) {
                data.review(ticket, "alice", score[i], entered.plus(1, ChronoUnit.DAYS));
            }
        }
        Instant bobs = Instant.parse("2026-11-06T10:00:00Z");
        data.ticket(acme, bobs).category("Email", null, null).owner(bob).closed(bobs.plus(1, ChronoUnit.HOURS)).create();
        data.ticket(acme, Instant.parse("2026-09-01T10:00:00Z")).owner(alice)
                .closed(Instant.parse("2026-09-01T11:00:00Z")).create();
        long open = data.ticket(acme, Instant.parse("2026-11-16T09:00:00Z")).owner(alice).create();
        data.timeEntry(open, acme, carol, Instant.parse("2026-11-15T09:00:00Z"), "4.00", "Remote", "Billable");  // Sunday
        data.timeEntry(open, acme, carol, Instant.parse("2026-11-17T09:00:00Z"), "6.00", "Remote", "Billable");
    }

    @Test
    void measuresEachTechAndTheTeam() {
        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");

        assertThat(result.path("window").path("from").asString()).isEqualTo("2026-10-22");
        assertThat(result.path("params").path("fcrHours").asInt()).isEqualTo(24);
        assertThat(result.path("summary").path("workingDays").asInt()).isEqualTo(22);
        JsonNode alice = tech(result, "alice");
        assertThat(alice.path("closed").asInt()).isEqualTo(4);
        assertThat(alice.path("medianResolutionHours").asDouble()).isEqualTo(7.0);
        assertThat(alice.path("p90ResolutionHours").asDouble()).isEqualTo(24.0);
        assertThat(alice.path("hoursPerTicket").asDouble()).isEqualTo(1.5);
        assertThat(alice.path("fcrRate").asDouble()).isEqualTo(0.5);
        assertThat(alice.path("csatCount").asInt()).isEqualTo(3);
        assertThat(alice.path("csatPositiveRate").asDouble()).isEqualTo(0.6667);
        assertThat(alice.path("csatScore").asDouble()).isEqualTo(0.3333);
        assertThat(alice.path("billableHours").asDouble()).isEqualTo(4.5);
        assertThat(alice.path("availableHours").asDouble()).isEqualTo(176.0);
        assertThat(alice.path("utilization").asDouble()).isEqualTo(0.0256);           // 4.5 / 176 = 0.02557
        assertThat(alice.path("trailing90").path("closed").asInt()).isEqualTo(5);    // + the September ticket

        JsonNode bob = tech(result, "bob");                                          // a one-ticket tech
        assertThat(bob.path("closed").asInt()).isEqualTo(1);
        assertThat(bob.path("medianResolutionHours").asDouble()).isEqualTo(1.0);
        assertThat(bob.path("p90ResolutionHours").asDouble()).isEqualTo(1.0);
        assertThat(bob.path("hoursPerTicket").asDouble()).isEqualTo(0.0);
        assertThat(bob.path("fcrRate").asDouble()).isEqualTo(0.0);
        assertThat(bob.path("csatCount").asInt()).isZero();                          // no reviews: rates are null
        assertThat(bob.path("csatPositiveRate").isNumber()).isFalse();
        assertThat(bob.path("csatScore").isNumber()).isFalse();
        assertThat(bob.path("utilization").asDouble()).isEqualTo(0.0);

        JsonNode team = result.path("summary").path("team");
        assertThat(team.path("closed").asInt()).isEqualTo(5);
        assertThat(team.path("medianResolutionHours").asDouble()).isEqualTo(4.0);
        assertThat(team.path("p90ResolutionHours").asDouble()).isEqualTo(22.0);
        assertThat(team.path("hoursPerTicket").asDouble()).isEqualTo(1.2);
        assertThat(team.path("fcrRate").asDouble()).isEqualTo(0.4);
        assertThat(team.path("csatPositiveRate").asDouble()).isEqualTo(0.6667);
        assertThat(team.path("utilization").asDouble()).isEqualTo(0.0275);           // (4.5 + 0 + 10) / (3 × 176) = 0.02746
        assertThat(result.path("rows").size()).isEqualTo(3);                        // carol logged billable hours
    }

    @Test
    void techsWithEnoughClosedTicketsComeFirstSlowestFirst() {
        JsonNode rows = compute(KPI, "{\"asOf\":\"" + AS_OF + "\",\"params\":{\"minSample\":1}}").path("rows");

        assertThat(rows.get(0).path("tech").asString()).isEqualTo("alice");        // median 7 h > bob's 1 h
        assertThat(rows.get(1).path("tech").asString()).isEqualTo("bob");
        assertThat(rows.get(2).path("tech").asString()).isEqualTo("carol");
        assertThat(rows.get(2).path("ranked").asBoolean()).isFalse();
    }

    @Test
    void utilizationCountsWeekdaysOnlyAndTakesTheCapacitySetting() {
        // Saturday 14 to Friday 20 November: 5 working days; carol logs 4 h (Sunday) + 6 h billable.
        JsonNode carolRow = tech(compute(KPI, "{\"from\":\"2026-11-14\",\"to\":\"2026-11-20\"}"), "carol");
        assertThat(carolRow.path("availableHours").asDouble()).isEqualTo(40.0);
        assertThat(carolRow.path("utilization").asDouble()).isEqualTo(0.25);

        JdbcClient.create(TestDatabase.ownerDataSource()).sql("UPDATE cw_members SET daily_capacity = 5 WHERE id = ?")
                .param(carol).update();
        assertThat(tech(compute(KPI, "{\"from\":\"2026-11-14\",\"to\":\"2026-11-20\"}"), "carol").path("utilization").asDouble())
                .isEqualTo(0.4);                                                     // 10 / (5 × 5)

        putSettings("{\"dailyCapacityHours\":{\"carol\":4}}");
        assertThat(tech(compute(KPI, "{\"from\":\"2026-11-14\",\"to\":\"2026-11-20\"}"), "carol").path("utilization").asDouble())
                .isEqualTo(0.5);                                                     // the tenant setting wins: 10 / 20
    }

    @Test
    void anEmptyWindowHasNoTechsAndAnEmptyTeam() {
        JsonNode result = compute(KPI, "{\"from\":\"2025-01-01\",\"to\":\"2025-01-31\"}");

        assertThat(result.path("rows").size()).isZero();
        assertThat(result.path("summary").path("team").path("closed").asInt()).isZero();
        assertThat(result.path("summary").path("team").path("medianResolutionHours").isNumber()).isFalse();
        assertThat(result.path("summary").path("team").path("fcrRate").isNumber()).isFalse();
    }

    private static JsonNode tech(JsonNode result, String identifier) {
        return result.path("rows").valueStream().filter(r -> r.path("tech").asString().equals(identifier)).findFirst()
                .orElseThrow(() -> new AssertionError(identifier + " not in " + result.path("rows")));
    }
}
