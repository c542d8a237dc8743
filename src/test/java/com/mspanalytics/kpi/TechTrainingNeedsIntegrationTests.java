package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.KpiFixtures;
import com.mspanalytics.support.KpiIntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * KPI 03 on a hand-built team (90 days to 2026-11-20, minSample 5).
 *
 * <p>Network: ann 5 tickets of 20 h (median 20; rated +1 +1 +1 −1 −1 = 0.6), ben 7 tickets of 2..14 h (median 8;
 * 5 rated, all +1). Team median of 2,4,6,8,10,12,14,20×5 = (12 + 14) / 2 = 13; team CSAT 8 / 10 = 0.8.
 * ann: ratio 20 / 13 = 1.5385, excess (20 − 13) × 5 = 35, CSAT gap 20 points: flagged twice. ben: ratio 0.6154, excess −35.
 *
 * <p>Email, all resolved in 5 h (ratio 1): ben 5 tickets rated +1 0 0 0 0 (0.2); ann 5 tickets, 2 rated −1 (too few
 * ratings to compare); dan 5 owned tickets rated +1 ×5 plus one ownerless ticket on which he logged the most hours
 * (n = 6). Team CSAT 6 / 12 = 0.5: ben is 30 points below (flagged on CSAT only); ann's 0 % is not compared.
 * cat closes one Email ticket (resolved in 5 h): under minSample, no row.
 *
 * <p>Status history (its own test): ann's 5 Network tickets all have one, 2 of them went Closed → In Progress (reopened)
 * and one ">Closed - Resolved" → Closed (both closed statuses: no reopen); 4 of ben's 7 have one, 1 went Closed →
 * Waiting Customer. ann 2 / 5 = 0.4, ben 1 / 4 = 0.25, team Network 3 / 9 = 0.3333; Email has no history: null. An
 * open ticket's reopen does not count.
 */
@IntegrationTest
class TechTrainingNeedsIntegrationTests extends KpiIntegrationTest {

    static final String KPI = "tech-training-needs";

    static final String AS_OF = "2026-11-20";

    KpiFixtures data;
    long acme;
    long ann;
    int day;
    final List<Long> annNetwork = new ArrayList<>();
    final List<Long> benNetwork = new ArrayList<>();

    @BeforeEach
    void team() {
        data = new KpiFixtures(tenant.tenant());
        acme = data.company("ACME", "Acme Dental");
        ann = data.member("ann");
        long ben = data.member("ben");
        long cat = data.member("cat");
        long dan = data.member("dan");
        Integer[] annNetworkScores = {1, 1, 1, -1, -1};
        for (Integer score : annNetworkScores) {
            annNetwork.add(closed(ann, "Network", 20, score));
        }
        for (int i = 0; i < 7; i++) {
            benNetwork.add(closed(ben, "Network", 2 + 2 * i, i < 5 ? 1 : null));
        }
        Integer[] benEmail = {1, 0, 0, 0, 0};
        for (Integer score : benEmail) {
            closed(ben, "Email", 5, score);
        }
        Integer[] annEmail = {-1, -1, null, null, null};
        for (Integer score : annEmail) {
            closed(ann, "Email", 5, score);
        }
        for (int i = 0; i < 5; i++) {
            closed(dan, "Email", 5, 1);
        }
        Instant entered = Instant.parse("2026-10-01T08:00:00Z");
        long ownerless = data.ticket(acme, entered).category("Email", null, null).closed(entered.plus(5, ChronoUnit.HOURS)).create();
        data.timeEntry(ownerless, acme, dan, entered, "2.00", "Remote", "Billable");
        data.timeEntry(ownerless, acme, ben, entered.plus(2, ChronoUnit.HOURS), "1.00", "Remote", "Billable");
        closed(cat, "Email", 5, null);
    }

    private long closed(long owner, String domain, long hours, Integer score) {
        Instant entered = Instant.parse("2026-09-01T08:00:00Z").plus(day++, ChronoUnit.DAYS);
        long ticket = data.ticket(acme, entered).category(domain, null, null).owner(owner)
                .closed(entered.plus(hours, ChronoUnit.HOURS)).create();
        if (score != null) {
            data.review(ticket, "agent", score, entered.plus(1, ChronoUnit.DAYS));
        }
        return ticket;
    }

    /** New → In Progress → Closed, with {@code between} (from, to pairs) before the final close. */
    private void history(long ticket, String... between) {
        Instant at = Instant.parse("2026-09-01T09:00:00Z");
        data.statusChange(ticket, at, "New", "In Progress");
        for (int i = 0; i < between.length; i += 2) {
            data.statusChange(ticket, at.plus(i + 1, ChronoUnit.MINUTES), between[i], between[i + 1]);
        }
        data.statusChange(ticket, at.plus(30, ChronoUnit.MINUTES), "In Progress", "Closed");
    }

    @Test
    void flagsTheSlowAndTheWeakCellsAndRanksByExcessHours() {
        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");
        JsonNode rows = result.path("rows");

        assertThat(rows.valueStream().map(r -> r.path("tech").asString() + "|" + r.path("domain").asString()))
                .containsExactly("ann|Network", "ben|Email", "ann|Email", "dan|Email", "ben|Network");
        JsonNode ann = rows.get(0);
        assertThat(ann.path("n").asInt()).isEqualTo(5);
        assertThat(ann.path("techMedianHours").asDouble()).isEqualTo(20.0);
        assertThat(ann.path("teamMedianHours").asDouble()).isEqualTo(13.0);
        assertThat(ann.path("ratio").asDouble()).isEqualTo(1.5385);
        assertThat(ann.path("excessHours").asDouble()).isEqualTo(35.0);
        assertThat(ann.path("csatPositiveRate").asDouble()).isEqualTo(0.6);
        assertThat(ann.path("teamCsatPositiveRate").asDouble()).isEqualTo(0.8);
        assertThat(ann.path("csatGapPoints").asDouble()).isEqualTo(20.0);
        assertThat(ann.path("reasons").toString()).isEqualTo("[\"slow\",\"csat\"]");

        JsonNode benEmail = rows.get(1);
        assertThat(benEmail.path("ratio").asDouble()).isEqualTo(1.0);
        assertThat(benEmail.path("csatGapPoints").asDouble()).isEqualTo(30.0);
        assertThat(benEmail.path("reasons").toString()).isEqualTo("[\"csat\"]");

        JsonNode annEmail = rows.get(2);
        assertThat(annEmail.path("flagged").asBoolean()).isFalse();
        assertThat(annEmail.path("csatCount").asInt()).isEqualTo(2);
        assertThat(annEmail.path("csatGapPoints").isNumber()).isFalse();             // 2 ratings < minSample

        assertThat(rows.get(3).path("n").asInt()).isEqualTo(6);                      // + the ownerless ticket
        assertThat(rows.get(4).path("excessHours").asDouble()).isEqualTo(-35.0);
        assertThat(rows.get(4).path("ratio").asDouble()).isEqualTo(0.6154);
        assertThat(result.path("summary").path("flagged").asInt()).isEqualTo(2);
        assertThat(result.path("summary").path("reopenRate").asString()).startsWith("omitted");
        assertThat(ann.path("reopenSample").asInt()).isZero();
        assertThat(ann.path("reopenRate").isNull()).isTrue();
    }

    @Test
    void reopenRateCountsClosedTicketsSentBackToAnOpenStatusWhereHistoryExists() {
        history(annNetwork.get(0), "In Progress", "Closed", "Closed", "In Progress");
        history(annNetwork.get(1), "In Progress", "Closed", "Closed", "In Progress");
        history(annNetwork.get(2), "In Progress", ">Closed - Resolved", ">Closed - Resolved", "Closed");
        data.ticketStatus(annNetwork.get(4), ">Closed - Resolved");      // so that it is a closed status
        history(annNetwork.get(3));
        history(annNetwork.get(4));
        history(benNetwork.get(0), "In Progress", "Closed", "Closed", "Waiting Customer");
        for (int i = 1; i < 4; i++) {
            history(benNetwork.get(i));
        }
        Instant entered = Instant.parse("2026-10-05T08:00:00Z");
        long open = data.ticket(acme, entered).category("Network", null, null).owner(ann).create();
        data.statusChange(open, entered.plus(1, ChronoUnit.HOURS), "Closed", "In Progress");

        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");
        JsonNode rows = result.path("rows");

        JsonNode annRow = rows.get(0);
        assertThat(annRow.path("tech").asString() + "|" + annRow.path("domain").asString()).isEqualTo("ann|Network");
        assertThat(annRow.path("reopenSample").asInt()).isEqualTo(5);
        assertThat(annRow.path("reopened").asInt()).isEqualTo(2);
        assertThat(annRow.path("reopenRate").asDouble()).isEqualTo(0.4);
        assertThat(annRow.path("teamReopenSample").asInt()).isEqualTo(9);
        assertThat(annRow.path("teamReopenRate").asDouble()).isEqualTo(0.3333);
        assertThat(annRow.path("reasons").toString()).as("reopens inform, they do not flag").isEqualTo("[\"slow\",\"csat\"]");
        JsonNode benRow = rows.get(4);
        assertThat(benRow.path("tech").asString() + "|" + benRow.path("domain").asString()).isEqualTo("ben|Network");
        assertThat(benRow.path("n").asInt()).isEqualTo(7);
        assertThat(benRow.path("reopenSample").asInt()).isEqualTo(4);
        assertThat(benRow.path("reopened").asInt()).isEqualTo(1);
        assertThat(benRow.path("reopenRate").asDouble()).isEqualTo(0.25);
        JsonNode benEmail = rows.get(1);
        assertThat(benEmail.path("reopenSample").asInt()).isZero();
        assertThat(benEmail.path("reopenRate").isNull()).isTrue();
        assertThat(benEmail.path("teamReopenRate").isNull()).isTrue();
        assertThat(result.path("summary").path("reopenRate").asString()).startsWith("share of the closed tickets");
        assertThat(result.path("summary").path("flagged").asInt()).isEqualTo(2);
    }

    @Test
    void aLargerMinSampleLeavesOnlyTheBigCells() {
        JsonNode rows = compute(KPI, "{\"asOf\":\"" + AS_OF + "\",\"params\":{\"minSample\":6}}").path("rows");

        assertThat(rows.valueStream().map(r -> r.path("tech").asString() + "|" + r.path("domain").asString()))
                .containsExactly("dan|Email", "ben|Network");
        assertThat(rows.valueStream().filter(r -> r.path("flagged").asBoolean())).isEmpty();
    }

    @Test
    void anEmptyWindowHasNoRows() {
        JsonNode result = compute(KPI, "{\"from\":\"2025-01-01\",\"to\":\"2025-01-31\"}");

        assertThat(result.path("rows").size()).isZero();
        assertThat(result.path("summary").path("flagged").asInt()).isZero();
    }
}
