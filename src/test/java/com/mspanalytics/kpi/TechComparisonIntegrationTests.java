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
 * KPI 09 on a hand-built team (90 days to 2026-11-20, minSample 2 from the request). All tickets are Network,
 * priority 3, so one cell: resolutions 2,4,4,8,8,30,4 (median 4), ticket hours 1,1,2,2,2,2,1 (median 2).
 * <ul>
 * <li>amy: resolved in 2 and 4 h, one 1 h entry each, rated +1 +1: relative resolution 0.5, 1 → 0.75; hours 0.5;
 *     fcr 1; csat 1.</li>
 * <li>bea: 4 and 8 h, one 2 h entry each, +1 −1: 1.5; hours 1; fcr 1; csat 0.</li>
 * <li>cy: 8 and 30 h, two 1 h entries each, unrated: 4.75; hours 1; fcr 0; csat 0 (none rated counts as neutral).</li>
 * <li>dee: one ticket (4 h, 1 h): listed, unranked.</li>
 * </ul>
 * Nobody logs billable time: utilization 0 for all, a zero standard deviation, so z = 0. Population z-scores:
 * resolution (negated) 0.912 / 0.48 / −1.392, hours 1.4142 / −0.7071 / −0.7071, fcr 0.7071 / 0.7071 / −1.4142,
 * csat 1.4142 / −0.7071 / −0.7071; composites 0.8895, −0.0454, −0.8441.
 */
@IntegrationTest
class TechComparisonIntegrationTests extends KpiIntegrationTest {

    static final String KPI = "tech-comparison";

    static final String AS_OF = "2026-11-20";

    KpiFixtures data;
    long acme;
    int day;

    @BeforeEach
    void team() {
        data = new KpiFixtures(tenant.tenant());
        acme = data.company("ACME", "Acme Dental");
        long amy = data.member("amy");
        long bea = data.member("bea");
        long cy = data.member("cy");
        long dee = data.member("dee");
        closed(amy, 2, 1, "1.00", 1);
        closed(amy, 4, 1, "1.00", 1);
        closed(bea, 4, 1, "2.00", 1);
        closed(bea, 8, 1, "2.00", -1);
        closed(cy, 8, 2, "1.00", null);
        closed(cy, 30, 2, "1.00", null);
        closed(dee, 4, 1, "1.00", null);
    }

    private void closed(long owner, long hoursToClose, int entries, String entryHours, Integer score) {
        Instant entered = Instant.parse("2026-10-01T08:00:00Z").plus(day++, ChronoUnit.DAYS);
        long ticket = data.ticket(acme, entered).category("Network", null, null).owner(owner)
                .closed(entered.plus(hoursToClose, ChronoUnit.HOURS)).create();
        for (int i = 0; i < entries; i++) {
            data.timeEntry(ticket, acme, owner, entered.plus(i, ChronoUnit.HOURS), entryHours, "Remote", "NoCharge");
        }
        if (score != null) {
            data.review(ticket, "agent", score, entered.plus(1, ChronoUnit.DAYS));
        }
    }

    @Test
    void normalisesByCellAndRanksByCompositeLowestFirst() {
        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\",\"params\":{\"minSample\":2}}");
        JsonNode rows = result.path("rows");

        assertThat(rows.valueStream().map(r -> r.path("tech").asString())).containsExactly("cy", "bea", "amy", "dee");
        assertThat(result.path("summary").path("ranked").asInt()).isEqualTo(3);
        JsonNode cy = rows.get(0);
        assertThat(cy.path("rank").asInt()).isEqualTo(3);
        assertThat(cy.path("normalisedResolution").asDouble()).isEqualTo(4.75);
        assertThat(cy.path("normalisedHoursPerTicket").asDouble()).isEqualTo(1.0);
        assertThat(cy.path("fcrRate").asDouble()).isEqualTo(0.0);
        assertThat(cy.path("csatScore").asDouble()).isEqualTo(0.0);
        assertThat(cy.path("csatCount").asInt()).isZero();
        assertThat(cy.path("z").path("resolution").asDouble()).isEqualTo(-1.392);
        assertThat(cy.path("z").path("utilization").asDouble()).isEqualTo(0.0);     // zero standard deviation
        assertThat(cy.path("composite").asDouble()).isEqualTo(-0.8441);

        JsonNode bea = rows.get(1);
        assertThat(bea.path("normalisedResolution").asDouble()).isEqualTo(1.5);
        assertThat(bea.path("z").path("fcrRate").asDouble()).isEqualTo(0.7071);
        assertThat(bea.path("composite").asDouble()).isEqualTo(-0.0454);

        JsonNode amy = rows.get(2);
        assertThat(amy.path("rank").asInt()).isEqualTo(1);
        assertThat(amy.path("normalisedResolution").asDouble()).isEqualTo(0.75);
        assertThat(amy.path("normalisedHoursPerTicket").asDouble()).isEqualTo(0.5);
        assertThat(amy.path("csatScore").asDouble()).isEqualTo(1.0);
        assertThat(amy.path("z").path("hoursPerTicket").asDouble()).isEqualTo(1.4142);
        assertThat(amy.path("composite").asDouble()).isEqualTo(0.8895);

        JsonNode dee = rows.get(3);                                                   // a one-ticket tech
        assertThat(dee.path("ranked").asBoolean()).isFalse();
        assertThat(dee.path("rank").isNumber()).isFalse();
        assertThat(dee.path("composite").isNumber()).isFalse();
        assertThat(dee.path("normalisedResolution").asDouble()).isEqualTo(1.0);
    }

    @Test
    void withTheDefaultMinSampleNobodyIsRanked() {
        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");

        assertThat(result.path("rows").size()).isEqualTo(4);
        assertThat(result.path("summary").path("ranked").asInt()).isZero();
        assertThat(result.path("rows").valueStream().filter(r -> r.path("composite").isNumber())).isEmpty();
    }

    @Test
    void anEmptyWindowHasNoRows() {
        JsonNode result = compute(KPI, "{\"from\":\"2025-01-01\",\"to\":\"2025-01-31\"}");

        assertThat(result.path("rows").size()).isZero();
        assertThat(result.path("summary").path("ranked").asInt()).isZero();
    }
}
