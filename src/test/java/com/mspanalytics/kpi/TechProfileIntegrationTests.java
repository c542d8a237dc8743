package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.KpiFixtures;
import com.mspanalytics.support.KpiIntegrationTest;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * KPI 08 on hand-built time entries (90 days to 2026-11-20). The team logs hours in 4 domains, so
 * specialisation = 1 − H / ln 4.
 */
@IntegrationTest
class TechProfileIntegrationTests extends KpiIntegrationTest {

    static final String KPI = "tech-profile";

    static final String AS_OF = "2026-11-20";
    static final Instant DAY = Instant.parse("2026-11-02T10:00:00Z");

    /**
     * dana: Security 4 h + 2 h on two Acme tickets, Network 2 h on a Globex ticket: shares 0.75 / 0.25,
     * H = −(0.75 ln 0.75 + 0.25 ln 0.25) = 0.562335, specialisation 1 − 0.562335 / 1.386294 = 0.5944, primary Security.
     * eli: 1 h on each of Security, Network, Email, Printer: H = ln 4, specialisation 0, no primary domain (0.25).
     * fay: 3 h on one Email ticket (on 2026-11-10, alone that day): specialisation 1, primary Email.
     * Ignored: dana's 5 h on Security before the window.
     */
    @BeforeEach
    void team() {
        KpiFixtures data = new KpiFixtures(tenant.tenant());
        long acme = data.company("ACME", "Acme Dental");
        long globex = data.company("GLOBEX", "Globex");
        long dana = data.member("dana");
        long eli = data.member("eli");
        long fay = data.member("fay");
        work(data, acme, dana, "Security", "4.00", DAY);
        work(data, acme, dana, "Security", "2.00", DAY);
        work(data, globex, dana, "Network", "2.00", DAY);
        work(data, acme, dana, "Security", "5.00", Instant.parse("2026-06-01T10:00:00Z"));
        for (String domain : new String[] {"Security", "Network", "Email", "Printer"}) {
            work(data, acme, eli, domain, "1.00", DAY);
        }
        work(data, globex, fay, "Email", "3.00", Instant.parse("2026-11-10T10:00:00Z"));
    }

    private static void work(KpiFixtures data, long company, long member, String domain, String hours, Instant at) {
        long ticket = data.ticket(company, at).category(domain, null, null).owner(member).create();
        data.timeEntry(ticket, company, member, at, hours, "Remote", "Billable");
    }

    @Test
    void profilesEachTechByDomainAndClient() {
        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");

        assertThat(result.path("summary").path("teamDomains").asInt()).isEqualTo(4);
        JsonNode rows = result.path("rows");
        assertThat(rows.valueStream().map(r -> r.path("tech").asString())).containsExactly("fay", "dana", "eli");

        JsonNode dana = rows.get(1);
        assertThat(dana.path("hours").asDouble()).isEqualTo(8.0);
        assertThat(dana.path("tickets").asInt()).isEqualTo(3);
        assertThat(dana.path("specialisation").asDouble()).isEqualTo(0.5944);
        assertThat(dana.path("primaryDomain").asString()).isEqualTo("Security");
        assertThat(dana.path("primaryShare").asDouble()).isEqualTo(0.75);
        assertThat(dana.path("domains").get(0).path("tickets").asInt()).isEqualTo(2);
        assertThat(dana.path("domains").get(0).path("ticketShare").asDouble()).isEqualTo(0.6667);
        assertThat(dana.path("domains").get(1).path("domain").asString()).isEqualTo("Network");
        assertThat(dana.path("domains").get(1).path("hoursShare").asDouble()).isEqualTo(0.25);
        assertThat(dana.path("topClients").toString()).isEqualTo("[\"Acme Dental\",\"Globex\"]");
        assertThat(dana.path("clients").get(0).path("hoursShare").asDouble()).isEqualTo(0.75);
        assertThat(dana.path("clients").get(1).path("clientIdentifier").asString()).isEqualTo("GLOBEX");

        JsonNode eli = rows.get(2);
        assertThat(eli.path("specialisation").asDouble()).isEqualTo(0.0);
        assertThat(eli.path("primaryDomain").isString()).isFalse();
        assertThat(eli.path("topDomains").size()).isEqualTo(3);
        assertThat(eli.path("domains").size()).isEqualTo(4);

        JsonNode fay = rows.get(0);
        assertThat(fay.path("specialisation").asDouble()).isEqualTo(1.0);
        assertThat(fay.path("primaryDomain").asString()).isEqualTo("Email");
        assertThat(result.path("summary").path("specialists").asInt()).isEqualTo(2);
    }

    @Test
    void aTeamWorkingInOneDomainIsFullySpecialised() {
        JsonNode result = compute(KPI, "{\"from\":\"2026-11-10\",\"to\":\"2026-11-10\"}");

        assertThat(result.path("summary").path("teamDomains").asInt()).isEqualTo(1);
        assertThat(result.path("rows").size()).isEqualTo(1);
        assertThat(result.path("rows").get(0).path("specialisation").asDouble()).isEqualTo(1.0);
    }

    @Test
    void aHigherPrimaryShareThresholdLeavesDanaWithoutAPrimaryDomain() {
        JsonNode rows = compute(KPI, "{\"asOf\":\"" + AS_OF + "\",\"params\":{\"primaryShare\":0.8}}").path("rows");

        assertThat(rows.get(1).path("tech").asString()).isEqualTo("dana");
        assertThat(rows.get(1).path("primaryDomain").isString()).isFalse();
    }

    @Test
    void anEmptyWindowHasNoRows() {
        JsonNode result = compute(KPI, "{\"from\":\"2025-01-01\",\"to\":\"2025-01-31\"}");

        assertThat(result.path("rows").size()).isZero();
        assertThat(result.path("summary").path("teamDomains").asInt()).isZero();
    }
}
