package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.KpiFixtures;
import com.mspanalytics.support.KpiIntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * KPI 04 on hand-built weekly hours. asOf 2026-11-23 (a Monday): the judged week is W47 (2026-11-16 .. 11-22),
 * its baseline the 8 weeks from 2026-09-21; the default 28-day window (10-27 .. 11-23) totals the 4 complete
 * weeks that end in it, 2026-10-26 .. 11-22.
 */
@IntegrationTest
class TimeConsumptionIntegrationTests extends KpiIntegrationTest {

    static final String KPI = "time-consumption";

    static final String AS_OF = "2026-11-23";
    static final LocalDate CURRENT = LocalDate.of(2026, 11, 16);

    KpiFixtures data;

    /**
     * ACME (Network, Remote, Billable): 2 h in 7 baseline weeks, none in the 4th (a dense 0), 6 h now, and 1 h
     * starting Sun 2026-11-22 23:00 in Toronto (Mon 04:00 UTC). mean 14/8 = 1.75, variance (7 × 0.25² + 1.75²)/8
     * = 0.4375, stddev 0.6614, z = 4.25/0.6614 = 6.4254, changePct 242.8571: rising.
     * BETA (Email, Onsite, NoCharge): 10 h every baseline week, 4 h now: stddev 0, z null, changePct -60: falling.
     * GAMMA (Hardware, Remote, DoNotBill): 1 h a week, 3 h now: +200 % but under 5 h: not flagged.
     */
    @BeforeEach
    void threeClients() {
        data = new KpiFixtures(tenant.tenant());
        long acme = data.company("ACME", "Acme Dental");
        long beta = data.company("BETA", "Beta Law");
        long gamma = data.company("GAMMA", "Gamma Foods");
        long acmeTicket = data.ticket(acme, week(0)).category("Network", null, null).create();
        long betaTicket = data.ticket(beta, week(0)).category("Email", null, null).create();
        long gammaTicket = data.ticket(gamma, week(0)).category("Hardware", null, null).create();
        for (int w = 0; w < 8; w++) {
            if (w != 3) {
                data.timeEntry(acmeTicket, acme, null, week(w), "2.00", "Remote", "Billable");
            }
            data.timeEntry(betaTicket, beta, null, week(w), "10.00", "Onsite", "NoCharge");
            data.timeEntry(gammaTicket, gamma, null, week(w), "1.00", "Remote", "DoNotBill");
        }
        data.timeEntry(acmeTicket, acme, null, week(8), "4.00", "Remote", "Billable");
        data.timeEntry(acmeTicket, acme, null, week(8).plusSeconds(3600), "2.00", "Remote", "Billable");
        data.timeEntry(acmeTicket, acme, null, Instant.parse("2026-11-23T04:00:00Z"), "1.00", "Remote", "Billable");
        data.timeEntry(betaTicket, beta, null, week(8), "4.00", "Onsite", "NoCharge");
        data.timeEntry(gammaTicket, gamma, null, week(8), "3.00", "Remote", "DoNotBill");
    }

    @Test
    void trendsCarryTheHandWorkedStatisticsAndFlags() {
        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");

        JsonNode summary = result.path("summary");
        assertThat(summary.path("period").asString()).isEqualTo("2026-W47");
        assertThat(summary.path("baselineStart").asString()).isEqualTo("2026-09-21");
        JsonNode acme = row(result, "client", "ACME");
        assertThat(acme.path("clientName").asString()).isEqualTo("Acme Dental");
        assertThat(acme.path("currentHours").decimalValue()).isEqualByComparingTo("6");
        assertThat(acme.path("baselineMean").decimalValue()).isEqualByComparingTo("1.75");
        assertThat(acme.path("baselineStddev").decimalValue()).isEqualByComparingTo("0.6614");
        assertThat(acme.path("z").decimalValue()).isEqualByComparingTo("6.4254");
        assertThat(acme.path("changePct").decimalValue()).isEqualByComparingTo("242.8571");
        assertThat(acme.path("slope").decimalValue()).isEqualByComparingTo(slope(2, 2, 2, 0, 2, 2, 2, 2, 6));
        assertThat(acme.path("trend").asString()).isEqualTo("rising");
        assertThat(acme.path("series").get(3).path("hours").asDouble()).isZero();
        assertThat(row(result, "client×domain", "ACME|Network").path("trend").asString()).isEqualTo("rising");

        JsonNode beta = row(result, "client", "BETA");
        assertThat(beta.path("baselineStddev").decimalValue()).isEqualByComparingTo("0");
        assertThat(beta.path("z").isNull()).isTrue();
        assertThat(beta.path("changePct").decimalValue()).isEqualByComparingTo("-60");
        assertThat(beta.path("trend").asString()).isEqualTo("falling");

        JsonNode gamma = row(result, "client", "GAMMA");
        assertThat(gamma.path("changePct").decimalValue()).isEqualByComparingTo("200");
        assertThat(gamma.path("trend").isNull()).isTrue();

        // flagged first, the larger |current - mean| first: BETA (6) before ACME (4.25)
        assertThat(result.path("rows").get(0).path("key").asString()).isEqualTo("BETA");
        assertThat(summary.path("flaggedTrends").size()).isEqualTo(4);
        assertThat(Json.parse(http.get("/anomalies").body()).valueStream()
                .filter(a -> a.path("kpi").asString().equals("time-consumption")).count()).isEqualTo(4);
    }

    @Test
    void totalsCoverTheLastFourCompleteWeeks() {
        JsonNode summary = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}").path("summary");

        // weeks 10-26, 11-02, 11-09 and W47: ACME 2+2+2+6 = 12, BETA 10×3+4 = 34, GAMMA 1×3+3 = 6; the Monday hour is out
        assertThat(summary.path("totalsFrom").asString()).isEqualTo("2026-10-26");
        assertThat(summary.path("totalsTo").asString()).isEqualTo("2026-11-22");
        assertThat(summary.path("totalHours").decimalValue()).isEqualByComparingTo("52");
        assertThat(summary.path("billableHours").decimalValue()).isEqualByComparingTo("12");
        assertThat(summary.path("billableShare").decimalValue()).isEqualByComparingTo("0.2308");
        JsonNode top = summary.path("topClients");
        assertThat(top.size()).isEqualTo(3);
        assertThat(top.get(0).path("client").asString()).isEqualTo("BETA");
        assertThat(top.get(0).path("hours").decimalValue()).isEqualByComparingTo("34");
        assertThat(top.get(1).path("client").asString()).isEqualTo("ACME");
        JsonNode totals = summary.path("totals");
        assertThat(totals.path("domain").get(0).path("domain").asString()).isEqualTo("Email");
        assertThat(totals.path("workType").get(0).path("workType").asString()).isEqualTo("Onsite");
        assertThat(totals.path("workType").get(1).path("hours").decimalValue()).isEqualByComparingTo("18");
        assertThat(totals.path("billableOption").get(2).path("billableOption").asString()).isEqualTo("DoNotBill");
        assertThat(totals.path("billableOption").get(2).path("share").decimalValue()).isEqualByComparingTo("0.1154");
        assertThat(totals.path("client×domain").get(1).path("domain").asString()).isEqualTo("Network");
    }

    /**
     * Time on a project ticket belongs to that ticket's domain; time on a charge code whose id equals a service
     * ticket's id (ACME's Network ticket) is on no ticket, though still the client's time.
     */
    @Test
    void projectTicketTimeTakesItsDomainAndChargeCodeTimeIsOnNoTicket() {
        long delta = data.company("DELTA", "Delta Freight");
        long phase = data.projectTicket(delta, 77, "Project", "Server", "Projects", week(6));
        data.chargedEntry("ProjectTicket", phase, delta, null, week(8), "5.00", "Remote", "Billable");
        long acmeNetwork = owner().sql("SELECT id FROM cw_tickets WHERE tenant_id = ? AND type_name = 'Network'")
                .param(tenant.tenant().value()).query(Long.class).single();
        data.chargedEntry("ChargeCode", acmeNetwork, delta, null, week(8), "3.00", "Admin", "NoCharge");
        data.chargedEntry(null, acmeNetwork, delta, null, week(8), "1.00", "Admin", "NoCharge");

        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");

        // DELTA: 5 h on the project ticket + 3 h charge code + 1 h untyped = 9 h, all in W47
        JsonNode totals = result.path("summary").path("totals");
        assertThat(hours(totals.path("client"), "client", "DELTA")).isEqualByComparingTo("9");
        assertThat(hours(totals.path("client×domain"), "domain", "Project")).isEqualByComparingTo("5");
        assertThat(hours(totals.path("domain"), "domain", "(no ticket)")).isEqualByComparingTo("4");
        // ACME's Network hours are its own 2+2+2+6 = 12 only
        assertThat(hours(totals.path("domain"), "domain", "Network")).isEqualByComparingTo("12");
    }

    private static java.math.BigDecimal hours(JsonNode list, String field, String value) {
        return list.valueStream().filter(n -> n.path(field).asString().equals(value)).findFirst()
                .orElseThrow(() -> new AssertionError(value + " not in " + list)).path("hours").decimalValue();
    }

    private static org.springframework.jdbc.core.simple.JdbcClient owner() {
        return org.springframework.jdbc.core.simple.JdbcClient.create(com.mspanalytics.support.TestDatabase.ownerDataSource());
    }

    @Test
    void anEntryJustBeforeLocalMidnightCountsInTheTenantsWeek() {
        putSettings("{\"timeZone\":\"America/Toronto\"}");

        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");

        // the 1 h of Sun 23:00 Toronto joins W47: 7 h, 13 h for ACME in the totals
        assertThat(row(result, "client", "ACME").path("currentHours").decimalValue()).isEqualByComparingTo("7");
        assertThat(result.path("summary").path("totalHours").decimalValue()).isEqualByComparingTo("53");
    }

    @Test
    void anEmptyWindowHasZeroHoursAndNoTrends() {
        JsonNode result = compute(KPI, "{\"asOf\":\"2025-03-03\"}");

        assertThat(result.path("rows").size()).isZero();
        assertThat(result.path("summary").path("totalHours").decimalValue()).isEqualByComparingTo("0");
        assertThat(result.path("summary").path("billableShare").isNull()).isTrue();
    }

    @Test
    void monthlyGranularityJudgesTheLastWholeMonth() {
        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\",\"params\":{\"granularity\":\"month\",\"baselinePeriods\":2}}");

        // October is the last whole month: ACME 2 h on Wed 10-07, 10-21 and 10-28 (10-14 is empty) = 6 h,
        // September 2 h on 09-23 and 09-30 = 4 h, August 0 h: mean 2, changePct 200 and 6 h >= 5: rising
        assertThat(result.path("summary").path("period").asString()).isEqualTo("2026-10");
        JsonNode acme = row(result, "client", "ACME");
        assertThat(acme.path("currentHours").decimalValue()).isEqualByComparingTo("6");
        assertThat(acme.path("baselineMean").decimalValue()).isEqualByComparingTo("2");
        assertThat(acme.path("trend").asString()).isEqualTo("rising");
    }

    /** Wednesday 15:00 UTC of the week {@code w} weeks after 2026-09-21 (w = 8 is W47). */
    private static Instant week(int w) {
        return CURRENT.minusWeeks(8).plusWeeks(w).plusDays(2).atTime(15, 0).toInstant(ZoneOffset.UTC);
    }

    /** Least squares by the textbook formula over x = 1..n. */
    private static java.math.BigDecimal slope(double... y) {
        int n = y.length;
        double mx = (n + 1) / 2.0, my = 0;
        for (double v : y) my += v / n;
        double num = 0, den = 0;
        for (int i = 0; i < n; i++) {
            num += (i + 1 - mx) * (y[i] - my);
            den += (i + 1 - mx) * (i + 1 - mx);
        }
        return java.math.BigDecimal.valueOf(Math.round(num / den * 10_000) / 10_000.0);
    }

    private static JsonNode row(JsonNode result, String dimension, String key) {
        return result.path("rows").valueStream()
                .filter(r -> r.path("dimension").asString().equals(dimension) && r.path("key").asString().equals(key))
                .findFirst().orElseThrow(() -> new AssertionError(dimension + " " + key + " not in " + result.path("rows")));
    }
}
