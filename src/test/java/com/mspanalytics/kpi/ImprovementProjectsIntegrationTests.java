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
 * KPI 06 on a hand-built dataset. asOf 2026-11-20, default window 180 days = 2026-05-25..2026-11-20,
 * hourlyCost 60, project 40 h = 2,400.00, reduction 0.6.
 */
@IntegrationTest
class ImprovementProjectsIntegrationTests extends KpiIntegrationTest {

    static final String KPI = "improvement-projects";

    static final String AS_OF = "2026-11-20";
    static final Instant IN_WINDOW = Instant.parse("2026-09-01T10:00:00Z");

    /**
     * <ul>
     * <li>Printer: 7 at Acme + 5 at Beta, 5 h each = 12 tickets, 60 h (one more on 2026-05-24, outside).
     * annualHours = 60 × 365 / 180 = 121.6667, annualCost = 7,300.00, annualSaving = 4,380.00,
     * roi = (4,380 − 2,400) / 2,400 = 0.825, payback = 2,400 / 365 = 6.5753 months.</li>
     * <li>Backup: 10 at Acme, 4 h each = 40 h. annualHours 81.1111, annualCost 4,866.67, saving 2,920.00,
     * roi = 520 / 2,400 = 0.2167, payback = 28,800 / 2,920 = 9.8630.</li>
     * <li>Email: 11 at Beta, 0.5 h each = 5.5 h: recurring, but saving 401.50 &lt; 2,400 (roi &lt; 0): no row.</li>
     * <li>Network: 9 at Beta, 10 h each = 90 h: under minRecurrence 10.</li>
     * </ul>
     */
    @BeforeEach
    void dataset() {
        KpiFixtures data = new KpiFixtures(tenant.tenant());
        long acme = data.company("ACME", "Acme Dental");
        long beta = data.company("BETA", "Beta Logistics");
        tickets(data, acme, 7, "Printer", "Print Queue", "Stuck Jobs", "5.00");
        tickets(data, beta, 5, "Printer", "Print Queue", "Stuck Jobs", "5.00");
        long old = data.ticket(acme, Instant.parse("2026-05-24T12:00:00Z")).category("Printer", "Print Queue", "Stuck Jobs").create();
        data.timeEntry(old, acme, null, Instant.parse("2026-05-24T12:00:00Z"), "5.00", "Remote", "Billable");
        tickets(data, acme, 10, "Backup", "Backup Job", "Failed", "4.00");
        tickets(data, beta, 11, "Email", "Mailbox", "Full", "0.50");
        tickets(data, beta, 9, "Network", "VPN", "Cannot Connect", "10.00");
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
    void ranksTheCategoriesThatPayBackByRoiWithTheFormulasOfKpisMd() {
        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");

        assertThat(result.path("window").path("from").asString()).isEqualTo("2026-05-25");
        assertThat(result.path("params").path("minRecurrence").asInt()).isEqualTo(10);
        assertThat(result.path("summary").path("windowDays").asInt()).isEqualTo(180);
        assertThat(result.path("summary").path("recurringCategories").asInt()).isEqualTo(3);
        JsonNode rows = result.path("rows");
        assertThat(rows.size()).as(rows.toString()).isEqualTo(2);
        JsonNode printer = rows.get(0);
        assertThat(printer.path("category").asString()).isEqualTo("Printer/Print Queue/Stuck Jobs");
        assertThat(printer.path("count").asInt()).isEqualTo(12);
        assertThat(printer.path("clients").asInt()).isEqualTo(2);
        assertThat(printer.path("hours").decimalValue()).isEqualByComparingTo("60.00");
        assertThat(printer.path("annualHours").decimalValue()).isEqualByComparingTo("121.6667");
        assertThat(printer.path("annualCost").decimalValue()).isEqualByComparingTo("7300.00");
        assertThat(printer.path("projectCost").decimalValue()).isEqualByComparingTo("2400.00");
        assertThat(printer.path("annualSaving").decimalValue()).isEqualByComparingTo("4380.00");
        assertThat(printer.path("roi").decimalValue()).isEqualByComparingTo("0.8250");
        assertThat(printer.path("paybackMonths").decimalValue()).isEqualByComparingTo("6.5753");
        JsonNode backup = rows.get(1);
        assertThat(backup.path("category").asString()).isEqualTo("Backup/Backup Job/Failed");
        assertThat(backup.path("annualHours").decimalValue()).isEqualByComparingTo("81.1111");
        assertThat(backup.path("annualCost").decimalValue()).isEqualByComparingTo("4866.67");
        assertThat(backup.path("annualSaving").decimalValue()).isEqualByComparingTo("2920.00");
        assertThat(backup.path("roi").decimalValue()).isEqualByComparingTo("0.2167");
        assertThat(backup.path("paybackMonths").decimalValue()).isEqualByComparingTo("9.8630");
        assertThat(result.path("summary").path("totalAnnualSaving").decimalValue()).isEqualByComparingTo("7300.00");
    }

    /**
     * Per client, minRecurrence 5: Beta Network 90 h → annualHours 182.5, saving 6,570.00, roi 1.7375,
     * payback 4.3836; Acme Backup as above; Acme Printer 35 h → annualHours 70.9722, saving 2,555.00,
     * roi 155 / 2,400 = 0.0646, payback 28,800 / 2,555 = 11.2720. Beta Printer (25 h) and Beta Email lose money.
     */
    @Test
    void byClientWeighsEachClientsOwnRecurringIssues() {
        JsonNode rows = compute(KPI, "{\"asOf\":\"" + AS_OF + "\",\"params\":{\"byClient\":true,\"minRecurrence\":5}}").path("rows");

        assertThat(rows.size()).as(rows.toString()).isEqualTo(3);
        assertThat(rows.get(0).path("client").asString()).isEqualTo("Beta Logistics");
        assertThat(rows.get(0).path("category").asString()).isEqualTo("Network/VPN/Cannot Connect");
        assertThat(rows.get(0).path("annualHours").decimalValue()).isEqualByComparingTo("182.5");
        assertThat(rows.get(0).path("annualSaving").decimalValue()).isEqualByComparingTo("6570.00");
        assertThat(rows.get(0).path("roi").decimalValue()).isEqualByComparingTo("1.7375");
        assertThat(rows.get(0).path("paybackMonths").decimalValue()).isEqualByComparingTo("4.3836");
        assertThat(rows.get(1).path("client").asString()).isEqualTo("Acme Dental");
        assertThat(rows.get(1).path("category").asString()).isEqualTo("Backup/Backup Job/Failed");
        assertThat(rows.get(2).path("category").asString()).isEqualTo("Printer/Print Queue/Stuck Jobs");
        assertThat(rows.get(2).path("count").asInt()).isEqualTo(7);
        assertThat(rows.get(2).path("annualHours").decimalValue()).isEqualByComparingTo("70.9722");
        assertThat(rows.get(2).path("annualSaving").decimalValue()).isEqualByComparingTo("2555.00");
        assertThat(rows.get(2).path("roi").decimalValue()).isEqualByComparingTo("0.0646");
        assertThat(rows.get(2).path("paybackMonths").decimalValue()).isEqualByComparingTo("11.2720");
    }

    /** A smaller expected reduction: Printer saves 7,300 × 0.3 = 2,190 &lt; 2,400, so nothing pays back. */
    @Test
    void aSmallerReductionLeavesNothingThatPaysBack() {
        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\",\"params\":{\"reduction\":0.3}}");

        assertThat(result.path("rows").size()).isZero();
        assertThat(result.path("summary").path("recurringCategories").asInt()).isEqualTo(3);
    }

    @Test
    void anEmptyWindowHasNoRows() {
        JsonNode result = compute(KPI, "{\"from\":\"2025-01-01\",\"to\":\"2025-06-29\"}");

        assertThat(result.path("rows").size()).isZero();
        assertThat(result.path("summary").path("recurringCategories").asInt()).isZero();
    }
}
