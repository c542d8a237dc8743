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
     * Acme: 5 failed-backup tickets in the window (1 h each, one with an extra 0.5 h), 1 more before
     * the window; 4 stuck-printer tickets (2 h each). Expected with minRecurrence 5: one row, 5
     * tickets, 5.5 h, cost 5.5 × 60 = 330.00, score 27.50, offering from the "Backup" entry.
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
    }

    @Test
    void findsTheRecurringCategoryWithItsHoursCostAndOffering() {
        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");

        assertThat(result.path("window").path("from").asString()).isEqualTo("2026-08-23");
        assertThat(result.path("window").path("to").asString()).isEqualTo(AS_OF);
        assertThat(result.path("params").path("minRecurrence").asInt()).isEqualTo(5);
        assertThat(result.path("rows").size()).isEqualTo(1);
        JsonNode row = result.path("rows").get(0);
        assertThat(row.path("client").asString()).isEqualTo("Acme Dental");
        assertThat(row.path("category").asString()).isEqualTo("Backup/Backup Job/Failed");
        assertThat(row.path("ticketCount").asInt()).isEqualTo(5);
        assertThat(row.path("hours").decimalValue()).isEqualByComparingTo("5.50");
        assertThat(row.path("costToMsp").decimalValue()).isEqualByComparingTo("330.00");
        assertThat(row.path("score").decimalValue()).isEqualByComparingTo("27.50");
        assertThat(row.path("offering").asString()).isEqualTo("Managed backup with monitored restores");
        assertThat(row.path("exampleTicketIds").size()).isEqualTo(5);
        assertThat(result.path("summary").path("totalCostToMsp").decimalValue()).isEqualByComparingTo("330.00");
    }

    @Test
    void aLowerThresholdFromTheRequestAddsThePrinterAndRanksByScore() {
        JsonNode rows = compute(KPI, "{\"asOf\":\"" + AS_OF + "\",\"params\":{\"minRecurrence\":4}}").path("rows");

        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.get(0).path("category").asString()).isEqualTo("Printer");        // 4 × 8 h = 32 > 27.5
        assertThat(rows.get(0).path("score").decimalValue()).isEqualByComparingTo("32.00");
        assertThat(rows.get(0).path("offering").asString()).isEqualTo("Managed print service");
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
