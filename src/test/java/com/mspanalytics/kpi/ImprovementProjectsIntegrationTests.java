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
 * KPI 06 on a hand-built dataset. asOf 2026-11-20, default window 180 days = 2026-05-25..2026-11-20, baseline
 * the 180 days before (2025-11-26..2026-05-24, fully covered: the tenant's first ticket is on 2025-11-26),
 * hourlyCost 60, project 40 h = 2,400.00, default reductions (Printer 0.7, Backup 0.8, Network 0.6).
 */
@IntegrationTest
class ImprovementProjectsIntegrationTests extends KpiIntegrationTest {

    static final String KPI = "improvement-projects";

    static final String AS_OF = "2026-11-20";
    static final Instant IN_WINDOW = Instant.parse("2026-09-01T10:00:00Z");
    static final Instant IN_BASELINE = Instant.parse("2026-02-01T10:00:00Z");

    /**
     * In the window, 79 tickets:
     * <ul>
     * <li>Printer: 7 at Acme, 5 at Beta, 3 at Gamma, 5 h each = 15 tickets, 75 h, 3 clients; 4 in the baseline
     * (the one on 2026-05-24 just outside the window). expected 4, ratio 3.75, P(X ≥ 15 | 4) = 1.99317e-5: a
     * candidate. annualHours = 75 × 365 / 180 = 152.0833, annualCost = 9,125.00, saving × 0.7 = 6,387.50,
     * roi = 3,987.50 / 2,400 = 1.6615, payback = 28,800 / 6,387.5 = 4.5088 months.</li>
     * <li>Backup: 4 at Acme, 3 at Beta, 3 at Gamma, 4 h each = 10 tickets, 40 h; none in the baseline (ratio
     * open, p 0). annualHours 81.1111, annualCost 4,866.67, saving × 0.8 = 3,893.33, roi = 1,493.33 / 2,400 =
     * 0.6222, payback = 28,800 / 3,893.33 = 7.3973.</li>
     * <li>Email: 4 at each of Acme, Beta, Gamma (0.5 h each), 12 in the baseline too: recurring (12 ≥ 10) but
     * ratio 1, the tenant's usual rate: no candidate.</li>
     * <li>Network: 12 at Beta alone, 10 h each (120 h): a single client, not a tenant-wide project.</li>
     * <li>Software: 30 at Delta, 0.25 h each: a single client.</li>
     * </ul>
     */
    @BeforeEach
    void dataset() {
        KpiFixtures data = new KpiFixtures(tenant.tenant());
        long acme = data.company("ACME", "Acme Dental");
        long beta = data.company("BETA", "Beta Logistics");
        long gamma = data.company("GAMMA", "Gamma Health");
        long delta = data.company("DELTA", "Delta Law");
        tickets(data, acme, 7, "Printer", "Print Queue", "Stuck Jobs", "5.00");
        tickets(data, beta, 5, "Printer", "Print Queue", "Stuck Jobs", "5.00");
        tickets(data, gamma, 3, "Printer", "Print Queue", "Stuck Jobs", "5.00");
        for (String day : new String[] {"2025-11-26", "2026-01-15", "2026-03-01", "2026-05-24"}) {
            Instant at = Instant.parse(day + "T12:00:00Z");
            long old = data.ticket(acme, at).category("Printer", "Print Queue", "Stuck Jobs").create();
            data.timeEntry(old, acme, null, at, "5.00", "Remote", "Billable");
        }
        tickets(data, acme, 4, "Backup", "Backup Job", "Failed", "4.00");
        tickets(data, beta, 3, "Backup", "Backup Job", "Failed", "4.00");
        tickets(data, gamma, 3, "Backup", "Backup Job", "Failed", "4.00");
        for (long company : new long[] {acme, beta, gamma}) {
            tickets(data, company, 4, "Email", "Mailbox", "Full", "0.50");
            for (int i = 0; i < 4; i++) {
                data.ticket(company, IN_BASELINE.plus(i, ChronoUnit.DAYS)).category("Email", "Mailbox", "Full").create();
            }
        }
        tickets(data, beta, 12, "Network", "VPN", "Cannot Connect", "10.00");
        tickets(data, delta, 30, "Software", "Windows", "Update Failed", "0.25");
    }

    private static void tickets(KpiFixtures data, long company, int count, String type, String subType, String item,
            String hours) {
        for (int i = 0; i < count; i++) {
            Instant at = IN_WINDOW.plus(i, ChronoUnit.DAYS);
            long ticket = data.ticket(company, at).category(type, subType, item).create();
            data.timeEntry(ticket, company, null, at, hours, "Remote", "Billable");
        }
    }

    @Test
    void ranksTheCategoriesAboveTheirBaselineThatPayBackBySaving() {
        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");

        assertThat(result.path("window").path("from").asString()).isEqualTo("2026-05-25");
        assertThat(result.path("params").path("minRecurrence").asInt()).isEqualTo(10);
        JsonNode summary = result.path("summary");
        assertThat(summary.path("windowDays").asInt()).isEqualTo(180);
        assertThat(summary.path("baselineDays").asInt()).isEqualTo(180);
        assertThat(summary.path("recurringCategories").asInt()).isEqualTo(5);
        assertThat(summary.path("aboveExpectation").asInt()).isEqualTo(2);
        assertThat(summary.path("projects").asInt()).isEqualTo(2);
        assertThat(summary.path("more").asInt()).isZero();
        JsonNode rows = result.path("rows");
        assertThat(rows.size()).as(rows.toString()).isEqualTo(2);
        JsonNode printer = rows.get(0);
        assertThat(printer.path("category").asString()).isEqualTo("Printer/Print Queue/Stuck Jobs");
        assertThat(printer.path("count").asInt()).isEqualTo(15);
        assertThat(printer.path("clients").asInt()).isEqualTo(3);
        assertThat(printer.path("baselineTickets").asInt()).isEqualTo(4);
        assertThat(printer.path("expectedTickets").decimalValue()).isEqualByComparingTo("4");
        assertThat(printer.path("ratio").decimalValue()).isEqualByComparingTo("3.75");
        assertThat(printer.path("pValue").decimalValue()).isEqualByComparingTo("0.0000199317");
        assertThat(printer.path("hours").decimalValue()).isEqualByComparingTo("75.00");
        assertThat(printer.path("annualHours").decimalValue()).isEqualByComparingTo("152.0833");
        assertThat(printer.path("annualCost").decimalValue()).isEqualByComparingTo("9125.00");
        assertThat(printer.path("projectCost").decimalValue()).isEqualByComparingTo("2400.00");
        assertThat(printer.path("annualSaving").decimalValue()).isEqualByComparingTo("6387.50");
        assertThat(printer.path("roi").decimalValue()).isEqualByComparingTo("1.6615");
        assertThat(printer.path("paybackMonths").decimalValue()).isEqualByComparingTo("4.5088");
        assertThat(printer.path("assumptions").path("hourlyCost").decimalValue()).isEqualByComparingTo("60");
        assertThat(printer.path("assumptions").path("reduction").decimalValue()).isEqualByComparingTo("0.7");
        assertThat(printer.path("assumptions").path("projectHours").decimalValue()).isEqualByComparingTo("40");
        JsonNode backup = rows.get(1);
        assertThat(backup.path("category").asString()).isEqualTo("Backup/Backup Job/Failed");
        assertThat(backup.path("baselineTickets").asInt()).isZero();
        assertThat(backup.path("ratio").isNull()).isTrue();
        assertThat(backup.path("annualHours").decimalValue()).isEqualByComparingTo("81.1111");
        assertThat(backup.path("annualCost").decimalValue()).isEqualByComparingTo("4866.67");
        assertThat(backup.path("annualSaving").decimalValue()).isEqualByComparingTo("3893.33");
        assertThat(backup.path("roi").decimalValue()).isEqualByComparingTo("0.6222");
        assertThat(backup.path("paybackMonths").decimalValue()).isEqualByComparingTo("7.3973");
        assertThat(summary.path("totalAnnualSaving").decimalValue()).isEqualByComparingTo("10280.83"); // 6,387.50 + 3,893.33
        assertThat(summary.path("totalProjectCost").decimalValue()).isEqualByComparingTo("4800.00");
    }

    /**
     * Per client, minRecurrence 5: 79 tickets, Beta 24. Beta Network: expected 24 × 12 / 79 = 3.6456, ratio
     * 3.2917, P(X ≥ 12) = 0.00041335; 120 h → annualHours 243.3333, cost 14,600.00, saving × 0.6 = 8,760.00,
     * roi 6,360 / 2,400 = 2.65, payback 3.2877. Acme Printer (7 against 15 × 15 / 79 = 2.8481, p 0.026) is
     * within chance for Acme; Delta Software (30 against 11.39, p 3.3e-6) is above it but saves 228 a year.
     */
    @Test
    void byClientWeighsEachClientsOwnRecurringIssues() {
        JsonNode rows = compute(KPI, "{\"asOf\":\"" + AS_OF + "\",\"params\":{\"byClient\":true,\"minRecurrence\":5}}").path("rows");

        assertThat(rows.size()).as(rows.toString()).isEqualTo(1);
        assertThat(rows.get(0).path("client").asString()).isEqualTo("Beta Logistics");
        assertThat(rows.get(0).path("category").asString()).isEqualTo("Network/VPN/Cannot Connect");
        assertThat(rows.get(0).path("expectedTickets").decimalValue()).isEqualByComparingTo("3.6456");
        assertThat(rows.get(0).path("ratio").decimalValue()).isEqualByComparingTo("3.2917");
        assertThat(rows.get(0).path("pValue").decimalValue()).isEqualByComparingTo("0.000413350");
        assertThat(rows.get(0).path("annualHours").decimalValue()).isEqualByComparingTo("243.3333");
        assertThat(rows.get(0).path("annualSaving").decimalValue()).isEqualByComparingTo("8760.00");
        assertThat(rows.get(0).path("roi").decimalValue()).isEqualByComparingTo("2.65");
        assertThat(rows.get(0).path("paybackMonths").decimalValue()).isEqualByComparingTo("3.2877");
    }

    /** Smaller expected reductions from the tenant: Printer saves 9,125 × 0.2 = 1,825 and Backup 4,866.67 × 0.3 = 1,460, both &lt; 2,400. */
    @Test
    void smallerReductionsFromTheTenantLeaveNothingThatPaysBack() {
        putSettings("{\"expectedReductions\":{\"Printer\":0.2,\"Backup\":0.3}}");

        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");

        assertThat(result.path("rows").size()).isZero();
        assertThat(result.path("summary").path("aboveExpectation").asInt()).isEqualTo(2);
        assertThat(result.path("summary").path("projects").asInt()).isZero();
    }

    /** maxRows 1: the printer is shown, the backup project counted. */
    @Test
    void onlyTheTopRowsAreShownAndTheRestCounted() {
        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\",\"params\":{\"maxRows\":1}}");

        assertThat(result.path("rows").size()).isEqualTo(1);
        assertThat(result.path("rows").get(0).path("category").asString()).isEqualTo("Printer/Print Queue/Stuck Jobs");
        assertThat(result.path("summary").path("projects").asInt()).isEqualTo(2);
        assertThat(result.path("summary").path("shown").asInt()).isEqualTo(1);
        assertThat(result.path("summary").path("more").asInt()).isEqualTo(1);
        assertThat(result.path("summary").path("totalAnnualSaving").decimalValue()).isEqualByComparingTo("10280.83");
    }

    /** Before the tenant's first ticket there is no baseline to judge against, so no candidate at all. */
    @Test
    void anEmptyWindowHasNoRows() {
        JsonNode result = compute(KPI, "{\"from\":\"2025-01-01\",\"to\":\"2025-06-29\"}");

        assertThat(result.path("rows").size()).isZero();
        assertThat(result.path("summary").path("recurringCategories").asInt()).isZero();
        assertThat(result.path("summary").path("baselineDays").asInt()).isZero();
    }
}
