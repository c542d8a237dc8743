package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.KpiFixtures;
import com.mspanalytics.support.KpiIntegrationTest;
import java.time.Instant;
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
 */
@IntegrationTest
class TechTrainingNeedsIntegrationTests extends KpiIntegrationTest {

    static final String KPI = "tech-training-needs";

    static final String AS_OF = "2026-11-20";

    KpiFixtures data;
    long acme;
    int day;

    @BeforeEach
    void team() {
        data = new KpiFixtures(tenant.tenant());
        acme = data.company("ACME", "Acme Dental");
        long ann = data.member("ann");
        long ben = data.member("ben");
        long cat = data.member("cat");
        long dan = data.member("dan");
        Integer[] annNetwork = {1, 1, 1, -1, -1};
        for (Integer score : annNetwork) {
            closed(ann, "Network", 20, score);
        }
        for (int i = 0; i < 7; i++) {
            closed(ben, "Network", 2 + 2 * i, i < 5 ? 1 : null);
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

    private void closed(long owner, String domain, long hours, Integer score) {
        Instant entered = Instant.parse("2026-09-01T08:00:00Z").plus(day++, ChronoUnit.DAYS);
        long ticket = data.ticket(acme, entered).category(domain, null, null).owner(owner)
                .closed(entered.plus(hours, ChronoUnit.HOURS)).create();
        if (score != null) {
            data.review(ticket, "agent", score, entered.plus(1, ChronoUnit.DAYS));
        }
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
