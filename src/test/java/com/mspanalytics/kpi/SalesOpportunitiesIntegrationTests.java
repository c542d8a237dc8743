package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.Http;
import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.KpiFixtures;
import com.mspanalytics.support.KpiIntegrationTest;
import com.mspanalytics.support.TestTenants;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * KPI 01 on a hand-built dataset whose numbers are stated here, plus the KPI framework around it:
 * windows, parameter validation, storage, reproducibility, tenant isolation.
 */
@IntegrationTest
class SalesOpportunitiesIntegrationTests extends KpiIntegrationTest {

    static final String KPI = "sales-opportunities";

    static final String AS_OF = "2026-11-20";
    static final Instant IN_WINDOW = Instant.parse("2026-11-02T10:00:00Z");

    /**
     * In the window, 50 tickets: Acme 10 (5 failed backups, 1 h each, one with an extra 0.5 h; 4 stuck
     * printers, 2 h each; 1 full mailbox) and Beta 40 full mailboxes. One more failed backup at Acme is before
     * the window. Expected with the defaults (minRecurrence 5, minRatio 2, maxPValue 0.01):
     * <ul>
     * <li>Acme backup: expected = 10 × 5 / 50 = 1.0, ratio 5, P(X ≥ 5 | 1) = 1 − e⁻¹ (1 + 1 + 1/2 + 1/6 + 1/24)
     * = 0.00365985: an opportunity. 5.5 h, cost 5.5 × 60 = 330.00, Backup reduction 0.8, saving 264.00.</li>
     * <li>Beta mailbox: 40 tickets, far above any absolute count, but expected = 40 × 41 / 50 = 32.8 (ratio
     * 1.22): Beta's own volume explains it, no row.</li>
     * <li>Acme printer: 4 &lt; 5; with minRecurrence 4: expected 10 × 4 / 50 = 0.8, ratio 5, P(X ≥ 4 | 0.8) =
     * 1 − e^−0.8 (1 + 0.8 + 0.32 + 0.085333) = 0.00907986; 8 h, cost 480.00, Printer reduction 0.7, saving
     * 336.00 &gt; 264.00, so it ranks first.</li>
     * </ul>
     */
    @BeforeEach
    void acme() {
        KpiFixtures data = new KpiFixtures(tenant.tenant());
        long acme = data.company("ACME", "Acme Dental");
        for (int i = 0; i < 5; i++) {
            long ticket = data.ticket(acme, IN_WINDOW.plus(i, ChronoUnit.DAYS)).category("Backup", "Backup Job", "Failed")
                    .summary("Backup failed " + i).create();
            data.timeEntry(ticket, acme, null, IN_WINDOW.plus(i, ChronoUnit.DAYS), "1.00", "Remote", "Billable");
            if (i == 0) {
                data.timeEntry(ticket, acme, null, IN_WINDOW.plus(1, ChronoUnit.HOURS), "0.50", "Remote", "Billable");
            }
        }
        data.ticket(acme, Instant.parse("2026-08-01T10:00:00Z")).category("Backup", "Backup Job", "Failed").create();
        for (int i = 0; i < 4; i++) {
            long ticket = data.ticket(acme, IN_WINDOW.plus(i, ChronoUnit.HOURS)).category("Printer", null, null).create();
            data.timeEntry(ticket, acme, null, IN_WINDOW, "2.00", "Onsite", "Billable");
        }
        data.ticket(acme, IN_WINDOW).category("Email", "Mailbox", "Full").create();
        long beta = data.company("BETA", "Beta Logistics");
        for (int i = 0; i < 40; i++) {
            long ticket = data.ticket(beta, IN_WINDOW.plus(i, ChronoUnit.HOURS)).category("Email", "Mailbox", "Full").create();
            data.timeEntry(ticket, beta, null, IN_WINDOW.plus(i, ChronoUnit.HOURS), "0.50", "Remote", "Billable");
        }
    }

    @Test
    void findsThePairAboveWhatTheClientsVolumePredictsWithItsMoneyAndAssumptions() {
        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");

        assertThat(result.path("window").path("from").asString()).isEqualTo("2026-08-23");
        assertThat(result.path("window").path("to").asString()).isEqualTo(AS_OF);
        assertThat(result.path("params").path("minRecurrence").asInt()).isEqualTo(5);
        assertThat(result.path("rows").size()).as(result.path("rows").toString()).isEqualTo(1);
        JsonNode row = result.path("rows").get(0);
        assertThat(row.path("client").asString()).isEqualTo("Acme Dental");
        assertThat(row.path("category").asString()).isEqualTo("Backup/Backup Job/Failed");
        assertThat(row.path("ticketCount").asInt()).isEqualTo(5);
        assertThat(row.path("expectedTickets").decimalValue()).isEqualByComparingTo("1.0");
        assertThat(row.path("ratio").decimalValue()).isEqualByComparingTo("5");
        assertThat(row.path("pValue").decimalValue()).isEqualByComparingTo("0.00365985");
        assertThat(row.path("hours").decimalValue()).isEqualByComparingTo("5.50");
        assertThat(row.path("costToMsp").decimalValue()).isEqualByComparingTo("330.00");
        assertThat(row.path("expectedSaving").decimalValue()).isEqualByComparingTo("264.00");
        assertThat(row.path("assumptions").path("hourlyCost").decimalValue()).isEqualByComparingTo("60");
        assertThat(row.path("assumptions").path("reduction").decimalValue()).isEqualByComparingTo("0.8");
        assertThat(row.path("assumptions").path("projectHours").decimalValue()).isEqualByComparingTo("40");
        assertThat(row.path("offering").asString()).isEqualTo("Managed backup with monitored restores");
        assertThat(row.path("exampleTicketIds").size()).isEqualTo(5);
        JsonNode summary = result.path("summary");
        assertThat(summary.path("opportunities").asInt()).isEqualTo(1);
        assertThat(summary.path("clients").asInt()).isEqualTo(1);
        assertThat(summary.path("totalCostToMsp").decimalValue()).isEqualByComparingTo("330.00");
        assertThat(summary.path("shown").asInt()).isEqualTo(1);
        assertThat(summary.path("more").asInt()).isZero();
    }

    @Test
    void aLowerThresholdFromTheRequestAddsThePrinterAndRanksByExpectedSaving() {
        JsonNode rows = compute(KPI, "{\"asOf\":\"" + AS_OF + "\",\"params\":{\"minRecurrence\":4}}").path("rows");

        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.get(0).path("category").asString()).isEqualTo("Printer");        // 336.00 > 264.00
        assertThat(rows.get(0).path("pValue").decimalValue()).isEqualByComparingTo("0.00907986");
        assertThat(rows.get(0).path("costToMsp").decimalValue()).isEqualByComparingTo("480.00");
        assertThat(rows.get(0).path("expectedSaving").decimalValue()).isEqualByComparingTo("336.00");
        assertThat(rows.get(0).path("assumptions").path("reduction").decimalValue()).isEqualByComparingTo("0.7");
        assertThat(rows.get(0).path("offering").asString()).isEqualTo("Managed print service");
    }

    @Test
    void onlyTheTopRowsAreShownAndTheRestCounted() {
        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\",\"params\":{\"minRecurrence\":4,\"maxRows\":1}}");

        assertThat(result.path("rows").size()).isEqualTo(1);
        assertThat(result.path("rows").get(0).path("category").asString()).isEqualTo("Printer");
        JsonNode summary = result.path("summary");
        assertThat(summary.path("opportunities").asInt()).isEqualTo(2);
        assertThat(summary.path("shown").asInt()).isEqualTo(1);
        assertThat(summary.path("more").asInt()).isEqualTo(1);
        assertThat(summary.path("totalCostToMsp").decimalValue()).isEqualByComparingTo("810.00");      // 480 + 330
        assertThat(summary.path("totalExpectedSaving").decimalValue()).isEqualByComparingTo("600.00"); // 336 + 264
    }

    /** The tenant's reductions and project effort are the assumptions the row shows and its saving uses. */
    @Test
    void theTenantsReductionAndEffortAreTheAssumptionsShown() {
        putSettings("{\"expectedReductions\":{\"Backup/Backup Job/Failed\":0.5},\"projectEffortHours\":{\"Backup\":16}}");

        JsonNode row = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}").path("rows").get(0);

        assertThat(row.path("expectedSaving").decimalValue()).isEqualByComparingTo("165.00"); // 330 × 0.5
        assertThat(row.path("assumptions").path("reduction").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(row.path("assumptions").path("projectHours").decimalValue()).isEqualByComparingTo("16");
    }

    @Test
    void anEmptyWindowHasNoRows() {
        JsonNode result = compute(KPI, "{\"from\":\"2025-01-01\",\"to\":\"2025-01-31\"}");

        assertThat(result.path("rows").size()).isZero();
        assertThat(result.path("summary").path("opportunities").asInt()).isZero();
    }

    @Test
    void badRequestsAre400NamingEachField() {
        assertInvalid(KPI, "{\"from\":\"2026-11-10\",\"to\":\"2026-11-01\"}", "from");
        assertInvalid(KPI, "{\"from\":\"2026-11-10\"}", "to");
        assertInvalid(KPI, "{\"lookbackDays\":0}", "lookbackDays");
        assertInvalid(KPI, "{\"params\":{\"minRecurence\":3}}", "params.minRecurence");
        assertInvalid(KPI, "{\"params\":{\"minRecurrence\":\"many\"}}", "params.minRecurrence");
        assertInvalid(KPI, "{\"asOf\":\"yesterday\"}", "asOf");
        assertInvalid(KPI, "{\"tenantId\":\"" + tenant.tenant() + "\"}", "tenantId");
        assertThat(http.post("/compute/kpi/no-such-kpi", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void resultsAreStoredReproducibleAndTenantIsolated() {
        JsonNode first = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");
        JsonNode second = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");
        Http other = new Http(port, TestTenants.create(context).apiKey());

        assertThat(second.path("rows")).isEqualTo(first.path("rows"));
        JsonNode latest = Json.parse(http.get("/kpi/sales-opportunities/latest").body());
        assertThat(latest.path("id").asString()).isEqualTo(second.path("id").asString());
        assertThat(latest.path("rows")).isEqualTo(second.path("rows"));
        assertThat(Json.parse(http.get("/kpi/sales-opportunities/results?limit=5").body()).size()).isEqualTo(2);
        assertThat(other.get("/kpi/sales-opportunities/latest").statusCode()).isEqualTo(404);
        JsonNode othersResult = Json.parse(other.post("/compute/kpi/sales-opportunities", "{\"asOf\":\"" + AS_OF + "\"}").body());
        assertThat(othersResult.path("rows").size()).isZero();
    }
}
