package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.KpiFixtures;
import com.mspanalytics.support.KpiIntegrationTest;
import com.mspanalytics.support.TestDatabase;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * KPI 05 on a hand-built dataset (default coverage rules: Managed Services covers Service Desk, Network and
 * SOC, Remote and Onsite, never Projects; default rate 150.00). Window 2026-10-22..2026-11-20.
 */
@IntegrationTest
class AgreementMismatchIntegrationTests extends KpiIntegrationTest {

    static final String KPI = "agreement-mismatch";

    static final String AS_OF = "2026-11-20";

    KpiFixtures data;
    long acmeAfterHours, acmeProjects, acmeProjectWork, bravoNoCharge, charlieAfterEnd;

    /**
     * Acme (Managed Services since 2026-01-01): 2.00 h Remote Billable on Service Desk (covered); 1.50 h After
     * Hours NoCharge (c); 3.00 h Onsite Billable on the Projects board (b, excluded board); 0.75 h "Project Work"
     * Billable on Service Desk (b, work type); 4.00 h After Hours NoCharge before the window (ignored).
     * Out of scope 5.25 of 7.25 h (share 0.7241): recoverable 1.50 h (c) = 225.00, billed outside agreement 3.75 h
     * (b, Billable) = 562.50.
     * Bravo (no agreement at all): 1.00 h NoCharge (a) and 2.00 h Billable (not flagged: billed). 150.00.
     * Charlie (Managed Services that ended 2026-10-31): 1.00 h Remote NoCharge on 10-25 (covered then) and 2.50 h
     * Remote NoDefault on 11-05 (a: no active agreement any more). 375.00.
     * Recoverable 1.50 + 1.00 + 2.50 = 5.00 h, 750.00; billed outside 3.75 h, 562.50; out of scope 8.75 h.
     */
    @BeforeEach
    void dataset() {
        data = new KpiFixtures(tenant.tenant());
        long tech = data.member("jsmith");

        long acme = data.company("ACME", "Acme Dental");
        long acmeMs = data.agreement(acme, "Acme MSA", "Managed Services", LocalDate.of(2026, 1, 1));
        long desk = data.ticket(acme, at("2026-11-02T10:00:00Z")).create();
        long project = data.ticket(acme, at("2026-11-02T10:00:00Z")).board("Projects").create();
        data.timeEntryOnAgreement(desk, acme, tech, acmeMs, at("2026-11-02T10:00:00Z"), "2.00", "Remote", "Billable");
        acmeAfterHours = data.timeEntryOnAgreement(desk, acme, tech, acmeMs, at("2026-11-03T23:00:00Z"), "1.50",
                "After Hours", "NoCharge");
        acmeProjects = data.timeEntryOnAgreement(project, acme, tech, acmeMs, at("2026-11-04T10:00:00Z"), "3.00",
                "Onsite", "Billable");
        acmeProjectWork = data.timeEntryOnAgreement(desk, acme, tech, acmeMs, at("2026-11-05T10:00:00Z"), "0.75",
                "Project Work", "Billable");
        data.timeEntryOnAgreement(desk, acme, tech, acmeMs, at("2026-10-01T10:00:00Z"), "4.00", "After Hours", "NoCharge");

        long bravo = data.company("BRAVO", "Bravo Legal");
        long bravoTicket = data.ticket(bravo, at("2026-11-10T10:00:00Z")).create();
        bravoNoCharge = data.timeEntry(bravoTicket, bravo, tech, at("2026-11-10T10:00:00Z"), "1.00", "Remote", "NoCharge");
        data.timeEntry(bravoTicket, bravo, tech, at("2026-11-11T10:00:00Z"), "2.00", "Remote", "Billable");

        long charlie = data.company("CHARLIE", "Charlie Clinic");
        long charlieMs = data.agreement(charlie, "Charlie MSA", "Managed Services", LocalDate.of(2025, 1, 1));
        owner().sql("UPDATE cw_agreements SET end_date = ? WHERE tenant_id = ? AND id = ?")
                .params(LocalDate.of(2026, 10, 31), tenant.tenant().value(), charlieMs).update();
        long charlieTicket = data.ticket(charlie, at("2026-10-25T10:00:00Z")).create();
        data.timeEntryOnAgreement(charlieTicket, charlie, tech, charlieMs, at("2026-10-25T10:00:00Z"), "1.00", "Remote",
                "NoCharge");
        charlieAfterEnd = data.timeEntryOnAgreement(charlieTicket, charlie, tech, charlieMs, at("2026-11-05T10:00:00Z"),
                "2.50", "Remote", "NoDefault");
    }

    @Test
    void findsEachReasonWithHoursRecoverableAndEntries() {
        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");

        assertThat(result.path("window").path("from").asString()).isEqualTo("2026-10-22");
        JsonNode rows = result.path("rows");
        assertThat(rows.valueStream().map(r -> r.path("clientIdentifier").asString()))
                .containsExactly("CHARLIE", "ACME", "BRAVO");
        JsonNode acme = rows.get(1);
        assertThat(acme.path("outOfScopeHours").decimalValue()).isEqualByComparingTo("5.25");
        assertThat(acme.path("totalHours").decimalValue()).isEqualByComparingTo("7.25");
        assertThat(acme.path("outOfScopeShare").decimalValue()).isEqualByComparingTo("0.7241");
        assertThat(acme.path("recoverable").decimalValue()).isEqualByComparingTo("225.00");
        assertThat(acme.path("recoverableHours").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(acme.path("recoverableShare").decimalValue()).isEqualByComparingTo("0.2069");
        assertThat(acme.path("billedOutsideHours").decimalValue()).isEqualByComparingTo("3.75");
        assertThat(acme.path("billedOutsideAgreement").decimalValue()).isEqualByComparingTo("562.50");
        assertThat(acme.path("billedOutsideShare").decimalValue()).isEqualByComparingTo("0.5172");
        assertThat(acme.path("entryCount").asInt()).isEqualTo(3);
        assertThat(acme.path("topReasons").valueStream().map(r -> r.path("reason").asString()))
                .containsExactly("board-not-covered", "no-charge-not-covered", "work-type-not-covered");
        assertThat(acme.path("topReasons").get(0).path("hours").decimalValue()).isEqualByComparingTo("3.00");
        assertThat(acme.path("entries").valueStream().map(e -> e.path("id").asLong()))
                .containsExactly(acmeProjects, acmeAfterHours, acmeProjectWork);
        JsonNode afterHours = acme.path("entries").get(1);
        assertThat(afterHours.path("tech").asString()).isEqualTo("jsmith");
        assertThat(afterHours.path("hours").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(afterHours.path("ticketId").asLong()).isPositive();
        assertThat(afterHours.path("agreement").asString()).isEqualTo("Acme MSA");

        assertThat(acme.path("entries").valueStream().map(e -> e.path("recoverable").asBoolean()))
                .containsExactly(false, true, false);

        JsonNode charlie = rows.get(0);
        assertThat(charlie.path("outOfScopeHours").decimalValue()).isEqualByComparingTo("2.50");
        assertThat(charlie.path("recoverable").decimalValue()).isEqualByComparingTo("375.00");
        assertThat(charlie.path("entries").get(0).path("id").asLong()).isEqualTo(charlieAfterEnd);
        assertThat(charlie.path("entries").get(0).path("reason").asString()).isEqualTo("no-agreement");

        JsonNode bravo = rows.get(2);
        assertThat(bravo.path("outOfScopeHours").decimalValue()).isEqualByComparingTo("1.00");
        assertThat(bravo.path("totalHours").decimalValue()).isEqualByComparingTo("3.00");
        assertThat(bravo.path("recoverable").decimalValue()).isEqualByComparingTo("150.00");
        assertThat(bravo.path("entries").get(0).path("id").asLong()).isEqualTo(bravoNoCharge);

        assertThat(result.path("summary").path("totalRecoverable").decimalValue()).isEqualByComparingTo("750.00");
        assertThat(result.path("summary").path("recoverableHours").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(result.path("summary").path("billedOutsideHours").decimalValue()).isEqualByComparingTo("3.75");
        assertThat(result.path("summary").path("billedOutsideAgreement").decimalValue()).isEqualByComparingTo("562.50");
        assertThat(result.path("summary").path("outOfScopeHours").decimalValue()).isEqualByComparingTo("8.75");
        assertThat(result.path("summary").path("entries").asInt()).isEqualTo(5);
    }

    @Test
    void anAdditionNamedByACoverageRuleWidensTheAgreement() {
        putSettings("""
                {"coverageRules":{"Managed Services":{"boards":["Service Desk"],"workTypes":["Remote"]},
                                  "Managed SOC":{"boards":["SOC"]}}}""");
        long soc = data.company("SOCCO", "Soc Co");
        long socMs = data.agreement(soc, "Soc MSA", "Managed Services", LocalDate.of(2026, 1, 1));
        owner().sql("""
                INSERT INTO cw_agreement_additions (tenant_id, agreement_id, id, product, effective_date, raw)
                VALUES (?, ?, 1, 'Managed SOC', ?, '{}')""").params(tenant.tenant().value(), socMs, LocalDate.of(2026, 1, 1))
                .update();
        long plain = data.company("PLAIN", "Plain Co");
        long plainMs = data.agreement(plain, "Plain MSA", "Managed Services", LocalDate.of(2026, 1, 1));
        long socTicket = data.ticket(soc, at("2026-11-10T10:00:00Z")).board("SOC").create();
        long plainTicket = data.ticket(plain, at("2026-11-10T10:00:00Z")).board("SOC").create();
        data.timeEntryOnAgreement(socTicket, soc, null, socMs, at("2026-11-10T10:00:00Z"), "2.00", "Remote", "NoCharge");
        long uncovered = data.timeEntryOnAgreement(plainTicket, plain, null, plainMs, at("2026-11-10T10:00:00Z"), "2.00",
                "Remote", "Billable");

        JsonNode rows = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}").path("rows");

        assertThat(rows.valueStream().map(r -> r.path("clientIdentifier").asString())).contains("PLAIN")
                .doesNotContain("SOCCO");
        JsonNode row = rows.valueStream().filter(r -> r.path("clientIdentifier").asString().equals("PLAIN")).findFirst()
                .orElseThrow();
        assertThat(row.path("entries").get(0).path("id").asLong()).isEqualTo(uncovered);
        assertThat(row.path("entries").get(0).path("reason").asString()).isEqualTo("board-not-covered");
    }

    /**
     * Golf has Managed Services and Time &amp; Materials (default rule: covers nothing). An After Hours entry
     * without an agreement is judged by both active agreements: not covered by either, so out of scope; the
     * same entry charged to Managed Services is judged by that one only. A Remote entry without an agreement is
     * covered by Managed Services, so in scope even though T&amp;M does not cover it.
     */
    @Test
    void withSeveralActiveAgreementsTheEntrysOwnDecidesElseAnyThatCovers() {
        long golf = data.company("GOLF", "Golf Club");
        long ms = data.agreement(golf, "Golf MSA", "Managed Services", LocalDate.of(2026, 1, 1));
        data.agreement(golf, "Golf T&M", "Time & Materials", LocalDate.of(2026, 1, 1));
        long ticket = data.ticket(golf, at("2026-11-10T10:00:00Z")).create();
        data.timeEntry(ticket, golf, null, at("2026-11-10T10:00:00Z"), "1.00", "Remote", "NoCharge");
        long loose = data.timeEntry(ticket, golf, null, at("2026-11-11T10:00:00Z"), "0.25", "After Hours", "Billable");
        long charged = data.timeEntryOnAgreement(ticket, golf, null, ms, at("2026-11-12T10:00:00Z"), "0.50", "After Hours",
                "DoNotBill");

        JsonNode golfRow = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}").path("rows").valueStream()
                .filter(r -> r.path("clientIdentifier").asString().equals("GOLF")).findFirst().orElseThrow();

        assertThat(golfRow.path("outOfScopeHours").decimalValue()).isEqualByComparingTo("0.75");
        assertThat(golfRow.path("totalHours").decimalValue()).isEqualByComparingTo("1.75");
        // DoNotBill 0.50 h against Managed Services is recoverable (75.00); the Billable 0.25 h is billed outside
        assertThat(golfRow.path("recoverable").decimalValue()).isEqualByComparingTo("75.00");
        assertThat(golfRow.path("billedOutsideAgreement").decimalValue()).isEqualByComparingTo("37.50");
        assertThat(golfRow.path("entries").valueStream().map(e -> e.path("id").asLong())).containsExactly(charged, loose);
        assertThat(golfRow.path("entries").get(0).path("reason").asString()).isEqualTo("no-charge-not-covered");
        assertThat(golfRow.path("entries").get(0).path("agreement").asString()).isEqualTo("Golf MSA");
        assertThat(golfRow.path("entries").get(1).path("reason").asString()).isEqualTo("work-type-not-covered");
        assertThat(golfRow.path("entries").get(1).path("agreement").asString()).isEqualTo("Golf MSA, Golf T&M");
    }

    /**
     * Every combination. Hotel (Managed Services: Service Desk, Remote): covered Remote 1.00 h each of Billable,
     * NoCharge, DoNotBill and NoDefault (none flagged); uncovered After Hours Billable 2.00 and NoDefault 1.25 (billed
     * outside agreement, 3.25 h = 487.50), NoCharge 0.50 and DoNotBill 0.25 (recoverable, 0.75 h = 112.50); total 8.00 h.
     * India (no agreement): Billable 3.00 (time and materials, not reported), NoCharge 0.50, DoNotBill 0.75 and
     * NoDefault 1.00 (recoverable, 2.25 h = 337.50); total 5.25 h.
     */
    @Test
    void eachCombinationOfCoverageBillableOptionAndAgreement() {
        long hotel = data.company("HOTEL", "Hotel Co");
        long ms = data.agreement(hotel, "Hotel MSA", "Managed Services", LocalDate.of(2026, 1, 1));
        long ticket = data.ticket(hotel, at("2026-11-10T10:00:00Z")).create();
        String[][] hotelEntries = {{"Remote", "Billable", "1.00"}, {"Remote", "NoCharge", "1.00"},
                {"Remote", "DoNotBill", "1.00"}, {"Remote", "NoDefault", "1.00"}, {"After Hours", "Billable", "2.00"},
                {"After Hours", "NoDefault", "1.25"}, {"After Hours", "NoCharge", "0.50"},
                {"After Hours", "DoNotBill", "0.25"}};
        for (String[] e : hotelEntries) {
            data.timeEntryOnAgreement(ticket, hotel, null, ms, at("2026-11-10T10:00:00Z"), e[2], e[0], e[1]);
        }
        long india = data.company("INDIA", "India Co");
        long indiaTicket = data.ticket(india, at("2026-11-10T10:00:00Z")).create();
        String[][] indiaEntries = {{"Billable", "3.00"}, {"NoCharge", "0.50"}, {"DoNotBill", "0.75"},
                {"NoDefault", "1.00"}};
        for (String[] e : indiaEntries) {
            data.timeEntry(indiaTicket, india, null, at("2026-11-10T10:00:00Z"), e[1], "Remote", e[0]);
        }

        JsonNode rows = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}").path("rows");

        JsonNode h = row(rows, "HOTEL");
        assertThat(h.path("recoverableHours").decimalValue()).isEqualByComparingTo("0.75");
        assertThat(h.path("recoverable").decimalValue()).isEqualByComparingTo("112.50");
        assertThat(h.path("billedOutsideHours").decimalValue()).isEqualByComparingTo("3.25");
        assertThat(h.path("billedOutsideAgreement").decimalValue()).isEqualByComparingTo("487.50");
        assertThat(h.path("totalHours").decimalValue()).isEqualByComparingTo("8.00");
        assertThat(h.path("outOfScopeShare").decimalValue()).isEqualByComparingTo("0.5000");
        assertThat(h.path("entries").valueStream().map(e -> e.path("billableOption").asString() + ":"
                + e.path("reason").asString() + ":" + e.path("recoverable").asBoolean()))
                .containsExactlyInAnyOrder("Billable:work-type-not-covered:false",
                        "NoDefault:work-type-not-covered:false", "NoCharge:no-charge-not-covered:true",
                        "DoNotBill:no-charge-not-covered:true");
        JsonNode i = row(rows, "INDIA");
        assertThat(i.path("recoverableHours").decimalValue()).isEqualByComparingTo("2.25");
        assertThat(i.path("recoverable").decimalValue()).isEqualByComparingTo("337.50");
        assertThat(i.path("billedOutsideHours").decimalValue()).isEqualByComparingTo("0");
        assertThat(i.path("totalHours").decimalValue()).isEqualByComparingTo("5.25");
        assertThat(i.path("entries").valueStream().map(e -> e.path("reason").asString()).distinct())
                .containsExactly("no-agreement");
    }

    private static JsonNode row(JsonNode rows, String identifier) {
        return rows.valueStream().filter(r -> r.path("clientIdentifier").asString().equals(identifier)).findFirst()
                .orElseThrow(() -> new AssertionError(identifier + " not in " + rows));
    }

    @Test
    void itTakesNoParameters() {
        var response = http.post("/compute/kpi/agreement-mismatch", "{\"params\":{\"minSample\":3}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("params.minSample");
    }

    @Test
    void theWindowFollowsTheTenantsTimeZone() {
        putSettings("{\"timeZone\":\"America/Toronto\"}");
        long echo = data.company("ECHO", "Echo Co");
        long ticket = data.ticket(echo, at("2026-11-10T10:00:00Z")).create();
        long lateOnTheLastDay = data.timeEntry(ticket, echo, null, at("2026-11-21T03:00:00Z"), "0.50", "Remote", "NoCharge");
        data.timeEntry(ticket, echo, null, at("2026-10-22T03:00:00Z"), "0.50", "Remote", "NoCharge"); // Oct 21 local

        JsonNode echoRow = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}").path("rows").valueStream()
                .filter(r -> r.path("clientIdentifier").asString().equals("ECHO")).findFirst().orElseThrow();

        assertThat(echoRow.path("outOfScopeHours").decimalValue()).isEqualByComparingTo("0.50");
        assertThat(echoRow.path("entries").get(0).path("id").asLong()).isEqualTo(lateOnTheLastDay);
        assertThat(echoRow.path("entries").get(0).path("date").asString()).isEqualTo("2026-11-20");
    }

    @Test
    void anEmptyWindowRecoversNothing() {
        JsonNode result = compute(KPI, "{\"from\":\"2025-01-01\",\"to\":\"2025-01-31\"}");

        assertThat(result.path("rows").size()).isZero();
        assertThat(result.path("summary").path("totalRecoverable").decimalValue()).isEqualByComparingTo("0");
    }

    private static JdbcClient owner() {
        return JdbcClient.create(TestDatabase.ownerDataSource());
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
