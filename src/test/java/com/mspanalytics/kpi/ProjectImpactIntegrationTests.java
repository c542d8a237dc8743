package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.KpiFixtures;
import com.mspanalytics.support.KpiIntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * KPI 10 on a hand-built dataset, asOf 2026-11-20 (default window 2025-11-21..2026-11-20, days 90).
 * p-values are the exact conditional binomial test, worked by hand below with p = 0.5.
 */
@IntegrationTest
class ProjectImpactIntegrationTests extends KpiIntegrationTest {

    static final String KPI = "project-impact";

    static final String AS_OF = "2026-11-20";

    long fabrikamProject;

    /**
     * <ul>
     * <li>Fab: "Email migration" 2026-06-01..2026-06-30, "Domain: Email". Before = 2026-03-03..2026-05-31:
     * 15 Email tickets (1 h each) and 5 Network tickets (1 h); after = 2026-07-01..2026-09-28: 6 Email
     * tickets (0.5 h). Email tickets on 2026-03-02, 2026-06-15 and 2026-09-29 fall outside both windows.
     * Email only: 15 → 6, −60 %, hours 15 → 3 (−80 %); n = 21, P(X ≤ 6) = (1 + 21 + 210 + 1330 + 5985
     * + 20349 + 54264) / 2^21 = 82160 / 2097152 = 0.0391769, two-sided p = 0.078354: "no change".</li>
     * <li>Beta: "Network refresh" 2026-08-01..2026-08-10, no domain named: all its tickets. Before
     * (2026-05-03..2026-07-31) 2, after (2026-08-11..2026-11-08) 12: +500 %; n = 14, P(X ≥ 12) =
     * (91 + 14 + 1) / 16384 = 0.0064697, p = 0.012939: "increased".</li>
     * <li>Gamma: closed 2026-11-10, no tickets: after window cut at asOf to 10 days, p = 1, "no change".</li>
     * <li>Not counted: Gamma's open project and a project closed in 2024.</li>
     * </ul>
     */
    @BeforeEach
    void dataset() {
        KpiFixtures data = new KpiFixtures(tenant.tenant());
        long fab = data.company("FAB", "Fabrikam Legal");
        long beta = data.company("BETA", "Beta Logistics");
        long gamma = data.company("GAMMA", "Gamma Health");
        fabrikamProject = data.project(fab, "Email migration", LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-30"),
                "Move mailboxes to Exchange Online\nDomain: Email");
        data.project(beta, "Network refresh", LocalDate.parse("2026-08-01"), LocalDate.parse("2026-08-10"), "New switches");
        data.project(gamma, "Backup rollout", LocalDate.parse("2026-10-01"), LocalDate.parse("2026-11-10"), "Domain: Backup");
        data.project(gamma, "Wi-Fi survey", LocalDate.parse("2026-11-01"), null, "Domain: Network");
        data.project(gamma, "Old project", LocalDate.parse("2024-01-01"), LocalDate.parse("2024-02-01"), "Domain: Backup");
        for (int i = 0; i < 15; i++) {
            ticket(data, fab, Instant.parse("2026-03-03T00:30:00Z").plusSeconds(86_400L * 6 * i), "Email", "1.00");
        }
        for (int i = 0; i < 5; i++) {
            ticket(data, fab, Instant.parse("2026-04-01T10:00:00Z").plusSeconds(86_400L * i), "Network", "1.00");
        }
        for (int i = 0; i < 5; i++) {
            ticket(data, fab, Instant.parse("2026-07-01T00:00:00Z").plusSeconds(86_400L * 17 * i), "Email", "0.50");
        }
        ticket(data, fab, Instant.parse("2026-09-28T23:59:00Z"), "Email", "0.50");
        ticket(data, fab, Instant.parse("2026-03-02T23:59:00Z"), "Email", "1.00");
        ticket(data, fab, Instant.parse("2026-06-15T10:00:00Z"), "Email", "1.00");
        ticket(data, fab, Instant.parse("2026-09-29T00:00:00Z"), "Email", "1.00");
        ticket(data, beta, Instant.parse("2026-05-03T10:00:00Z"), "Hardware", "2.00");
        ticket(data, beta, Instant.parse("2026-07-31T10:00:00Z"), "Network", "2.00");
        for (int i = 0; i < 12; i++) {
            ticket(data, beta, Instant.parse("2026-08-11T10:00:00Z").plusSeconds(86_400L * 7 * i), i % 2 == 0 ? "Network" : "Email", "1.00");
        }
    }

    private static void ticket(KpiFixtures data, long company, Instant at, String type, String hours) {
        long ticket = data.ticket(company, at).category(type, null, null).create();
        data.timeEntry(ticket, company, null, at, hours, "Remote", "Billable");
    }

    @Test
    void comparesTheDaysBeforeStartWithTheDaysAfterCloseWithAnExactTest() {
        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");

        assertThat(result.path("window").path("from").asString()).isEqualTo("2025-11-21");
        JsonNode rows = result.path("rows");
        assertThat(rows.size()).as(rows.toString()).isEqualTo(3);
        JsonNode beta = rows.get(0);
        assertThat(beta.path("client").asString()).isEqualTo("Beta Logistics");
        assertThat(beta.path("domain").isNull()).isTrue();
        assertThat(beta.path("before").asInt()).isEqualTo(2);
        assertThat(beta.path("after").asInt()).isEqualTo(12);
        assertThat(beta.path("changePct").decimalValue()).isEqualByComparingTo("500.00");
        assertThat(beta.path("pValue").asDouble()).isCloseTo(0.012939, within(1e-6));
        assertThat(beta.path("impact").asString()).isEqualTo("increased");
        JsonNode fab = rows.get(1);
        assertThat(fab.path("projectId").asLong()).isEqualTo(fabrikamProject);
        assertThat(fab.path("domain").asString()).isEqualTo("Email");
        assertThat(fab.path("beforeWindow").path("from").asString()).isEqualTo("2026-03-03");
        assertThat(fab.path("beforeWindow").path("to").asString()).isEqualTo("2026-05-31");
        assertThat(fab.path("afterWindow").path("from").asString()).isEqualTo("2026-07-01");
        assertThat(fab.path("afterWindow").path("to").asString()).isEqualTo("2026-09-28");
        assertThat(fab.path("before").asInt()).isEqualTo(15);
        assertThat(fab.path("after").asInt()).isEqualTo(6);
        assertThat(fab.path("beforeHours").decimalValue()).isEqualByComparingTo("15.00");
        assertThat(fab.path("afterHours").decimalValue()).isEqualByComparingTo("3.00");
        assertThat(fab.path("changePct").decimalValue()).isEqualByComparingTo("-60.00");
        assertThat(fab.path("hoursChangePct").decimalValue()).isEqualByComparingTo("-80.00");
        assertThat(fab.path("pValue").asDouble()).isCloseTo(0.078354, within(1e-6));
        assertThat(fab.path("impact").asString()).isEqualTo("no change");
        JsonNode gamma = rows.get(2);
        assertThat(gamma.path("project").asString()).isEqualTo("Backup rollout");
        assertThat(gamma.path("afterWindow").path("to").asString()).isEqualTo(AS_OF);
        assertThat(gamma.path("afterWindow").path("days").asInt()).isEqualTo(10);
        assertThat(gamma.path("before").asInt()).isZero();
        assertThat(gamma.path("changePct").isNull()).isTrue();
        assertThat(gamma.path("pValue").asDouble()).isEqualTo(1.0);
        assertThat(gamma.path("impact").asString()).isEqualTo("no change");
        assertThat(result.path("summary").path("increased").asInt()).isEqualTo(1);
        assertThat(result.path("summary").path("noChange").asInt()).isEqualTo(2);
    }

    /**
     * All Fab's tickets: 20 → 6 (−70 %); n = 26, P(X ≤ 6) = (1 + 26 + 325 + 2600 + 14950 + 65780 + 230230)
     * / 2^26 = 313912 / 67108864 = 0.0046777, p = 0.009355: "reduced".
     */
    @Test
    void withoutTheDomainRestrictionEveryTicketOfTheClientCounts() {
        JsonNode rows = compute(KPI, "{\"from\":\"2025-01-01\",\"to\":\"2025-01-31\",\"asOf\":\"" + AS_OF
                + "\",\"params\":{\"projectId\":" + fabrikamProject + ",\"domainOnly\":false}}").path("rows");

        assertThat(rows.size()).isEqualTo(1);
        assertThat(rows.get(0).path("domain").isNull()).isTrue();
        assertThat(rows.get(0).path("before").asInt()).isEqualTo(20);
        assertThat(rows.get(0).path("after").asInt()).isEqualTo(6);
        assertThat(rows.get(0).path("changePct").decimalValue()).isEqualByComparingTo("-70.00");
        assertThat(rows.get(0).path("pValue").asDouble()).isCloseTo(0.009355, within(1e-6));
        assertThat(rows.get(0).path("impact").asString()).isEqualTo("reduced");
    }

    @Test
    void aWindowWithNoClosedProjectsHasNoRows() {
        JsonNode result = compute(KPI, "{\"from\":\"2025-01-01\",\"to\":\"2025-12-31\"}");

        assertThat(result.path("rows").size()).isZero();
        assertThat(result.path("summary").path("projects").asInt()).isZero();
    }
}
