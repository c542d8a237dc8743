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

/** KPI 02 on a hand-built dataset, asOf 2026-11-20 (default window 2026-08-23..2026-11-20). */
@IntegrationTest
class ClientTrainingNeedsIntegrationTests extends KpiIntegrationTest {

    static final String KPI = "client-training-needs";

    static final String AS_OF = "2026-11-20";
    static final Instant IN_WINDOW = Instant.parse("2026-10-01T10:00:00Z");
    static final Instant EARLY_2025 = Instant.parse("2025-02-01T10:00:00Z");

    int offset;

    /**
     * In the window:
     * <ul>
     * <li>Acme: Pat Jones 6 tickets, 5 training (How To/Outlook/Rules ×2, How To/Teams/Meetings, item
     * "Password Reset", type "Access Request") + 1 laptop: share 5/6 = 0.8333; one more how-to on 2026-08-22
     * is outside. Sam Lee 10 tickets, 3 how-to. Kim Ito 12 tickets, 3 how-to. Lou Ray 1 ticket, a how-to.
     * Acme: 12 training tickets / 4 active contacts = 3.0.</li>
     * <li>Beta: 2 contacts, 1 training ticket: 0.5. Gamma: 1 contact (40 mailbox tickets), none: 0. Delta:
     * 2 contacts, 1: 0.5. Echo: 1 contact with 2 how-tos: 2.0 (ratio 4, but 2 &lt; minSample 5).</li>
     * <li>The tenant: 77 tickets, 16 training: share 16/77 = 0.2078. Pat: expected 6 × 16/77 = 1.2468, ratio
     * 4.0104, P(X ≥ 5 | 1.2468) = 0.00902999 &lt; 0.01: flagged. Sam: 3 against 2.0779 (ratio 1.44), Kim 3
     * against 2.4935: what the tenant's share predicts, not flagged (a fixed 30 % share flagged Sam). Lou: 1 &lt; 3.</li>
     * <li>Median of 0, 0.5, 0.5, 2, 3 = 0.5; Acme's ratio 3 / 0.5 = 6: flagged.</li>
     * </ul>
     * Early 2025 (the zero-median case): Hut with 15 mailbox tickets and Ivy with one network ticket, Jet's
     * Jo Park with 5 how-tos: 21 tickets, share 5/21; Jo expected 5 × 5/21 = 1.1905, ratio 4.2, P(X ≥ 5) =
     * 0.00750069: flagged; median of 0, 0, 5 = 0.
     */
    @BeforeEach
    void dataset() {
        KpiFixtures data = new KpiFixtures(tenant.tenant());
        long acme = data.company("ACME", "Acme Dental");
        long pat = data.contact(acme, "Pat", "Jones");
        ticket(data, acme, pat, IN_WINDOW, "How To", "Outlook", "Rules");
        ticket(data, acme, pat, IN_WINDOW, "How To", "Outlook", "Rules");
        ticket(data, acme, pat, IN_WINDOW, "How To", "Teams", "Meetings");
        ticket(data, acme, pat, IN_WINDOW, "Security", "Account", "Password Reset");
        ticket(data, acme, pat, IN_WINDOW, "Access Request", "Shared Drive", null);
        ticket(data, acme, pat, IN_WINDOW, "Hardware", "Laptop", "Slow");
        ticket(data, acme, pat, Instant.parse("2026-08-22T12:00:00Z"), "How To", "Excel", "Formulas");
        long sam = data.contact(acme, "Sam", "Lee");
        repeat(data, acme, sam, 3, "How To", "Excel", "Formulas");
        repeat(data, acme, sam, 7, "Network", "VPN", "Cannot Connect");
        long kim = data.contact(acme, "Kim", "Ito");
        repeat(data, acme, kim, 3, "How To", "Excel", "Formulas");
        repeat(data, acme, kim, 9, "Printer", "Print Queue", "Stuck Jobs");
        long lou = data.contact(acme, "Lou", "Ray");
        ticket(data, acme, lou, IN_WINDOW, "How To", "Outlook", "Rules");
        long beta = data.company("BETA", "Beta Logistics");
        repeat(data, beta, data.contact(beta, "Bo", "Ng"), 2, "Network", "VPN", "Cannot Connect");
        long cy = data.contact(beta, "Cy", "Ho");
        ticket(data, beta, cy, IN_WINDOW, "Training", null, null);
        ticket(data, beta, cy, IN_WINDOW, "Email", "Mailbox", "Full");
        long gamma = data.company("GAMMA", "Gamma Health");
        repeat(data, gamma, data.contact(gamma, "Di", "Wu"), 40, "Email", "Mailbox", "Full");
        long delta = data.company("DELTA", "Delta Law");
        ticket(data, delta, data.contact(delta, "Ed", "Fox"), IN_WINDOW, "Email", "User Error", null);
        ticket(data, delta, data.contact(delta, "Flo", "Orr"), IN_WINDOW, "Email", "Mailbox", "Full");
        long echo = data.company("ECHO", "Echo Farms");
        repeat(data, echo, data.contact(echo, "Gus", "Kay"), 2, "How To", "Outlook", "Rules");
        long hut = data.company("HUT", "Hut Cafe");
        long hal = data.contact(hut, "Hal", "Moe");
        for (int i = 0; i < 15; i++) {
            ticket(data, hut, hal, EARLY_2025, "Email", "Mailbox", "Full");
        }
        long ivy = data.company("IVY", "Ivy School");
        ticket(data, ivy, data.contact(ivy, "Ida", "Poe"), EARLY_2025, "Network", "VPN", "Cannot Connect");
        long jet = data.company("JET", "Jet Air");
        long jo = data.contact(jet, "Jo", "Park");
        for (int i = 0; i < 5; i++) {
            ticket(data, jet, jo, EARLY_2025, "How To", "Outlook", "Rules");
        }
    }

    private void repeat(KpiFixtures data, long company, long contact, int count, String type, String subType, String item) {
        for (int i = 0; i < count; i++) {
            ticket(data, company, contact, IN_WINDOW, type, subType, item);
        }
    }

    private void ticket(KpiFixtures data, long company, long contact, Instant at, String type, String subType, String item) {
        data.ticket(company, at.plus(offset++, ChronoUnit.MINUTES)).category(type, subType, item).contact(contact).create();
    }

    @Test
    void flagsContactsAboveTheTenantsTrainingShareAndClientsByRatioToTheMedian() {
        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");

        assertThat(result.path("window").path("from").asString()).isEqualTo("2026-08-23");
        JsonNode rows = result.path("rows");
        assertThat(rows.size()).as(rows.toString()).isEqualTo(2);
        JsonNode pat = rows.get(0);
        assertThat(pat.path("level").asString()).isEqualTo("contact");
        assertThat(pat.path("contact").asString()).isEqualTo("Pat Jones");
        assertThat(pat.path("client").asString()).isEqualTo("Acme Dental");
        assertThat(pat.path("trainingTickets").asInt()).isEqualTo(5);
        assertThat(pat.path("tickets").asInt()).isEqualTo(6);
        assertThat(pat.path("share").decimalValue()).isEqualByComparingTo("0.8333");
        assertThat(pat.path("expectedTrainingTickets").decimalValue()).isEqualByComparingTo("1.2468");
        assertThat(pat.path("ratio").decimalValue()).isEqualByComparingTo("4.0104");
        assertThat(pat.path("pValue").decimalValue()).isEqualByComparingTo("0.00902999");
        assertThat(pat.path("topTopics").valueStream().map(JsonNode::asString))
                .containsExactly("How To/Outlook/Rules", "Access Request/Shared Drive", "How To/Teams/Meetings");
        JsonNode acme = rows.get(1);
        assertThat(acme.path("level").asString()).isEqualTo("client");
        assertThat(acme.path("clientIdentifier").asString()).isEqualTo("ACME");
        assertThat(acme.path("trainingTickets").asInt()).isEqualTo(12);
        assertThat(acme.path("activeContacts").asInt()).isEqualTo(4);
        assertThat(acme.path("perContact").decimalValue()).isEqualByComparingTo("3");
        assertThat(acme.path("tenantMedian").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(acme.path("ratio").decimalValue()).isEqualByComparingTo("6");
        JsonNode summary = result.path("summary");
        assertThat(summary.path("flaggedContacts").asInt()).isEqualTo(1);
        assertThat(summary.path("flaggedClients").asInt()).isEqualTo(1);
        assertThat(summary.path("tenantTrainingShare").decimalValue()).isEqualByComparingTo("0.2078");
        assertThat(summary.path("clientsWithActiveContacts").asInt()).isEqualTo(5);
        assertThat(summary.path("tenantMedianPerContact").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(summary.path("clientsAboveRatioUnderMinSample").asInt()).isEqualTo(1);
    }

    /** A looser contact test from the request: ratio 1.4 and p 0.5 let Sam (ratio 1.44, P(X ≥ 3 | 2.078) = 0.34) flag too. */
    @Test
    void aLooserContactTestFromTheRequestFlagsSamToo() {
        JsonNode rows = compute(KPI, "{\"asOf\":\"" + AS_OF + "\",\"params\":{\"minRatio\":1.4,\"maxPValue\":0.5}}").path("rows");

        assertThat(rows.valueStream().filter(r -> r.path("level").asString().equals("contact"))
                .map(r -> r.path("contact").asString())).containsExactly("Pat Jones", "Sam Lee");
    }

    @Test
    void aSmallerMinSampleLetsTheSmallClientFlagToo() {
        JsonNode rows = compute(KPI, "{\"asOf\":\"" + AS_OF + "\",\"params\":{\"minSample\":2}}").path("rows");

        assertThat(rows.size()).isEqualTo(3);
        assertThat(rows.get(2).path("clientIdentifier").asString()).isEqualTo("ECHO");
        assertThat(rows.get(2).path("perContact").decimalValue()).isEqualByComparingTo("2");
        assertThat(rows.get(2).path("ratio").decimalValue()).isEqualByComparingTo("4");
    }

    @Test
    void aZeroMedianLeavesTheRatioOpenAndFlagsOnTheSampleAlone() {
        JsonNode result = compute(KPI, "{\"from\":\"2025-01-01\",\"to\":\"2025-03-31\"}");

        JsonNode rows = result.path("rows");
        assertThat(rows.size()).as(rows.toString()).isEqualTo(2);
        assertThat(rows.get(0).path("contact").asString()).isEqualTo("Jo Park");
        assertThat(rows.get(0).path("share").decimalValue()).isEqualByComparingTo("1");
        assertThat(rows.get(1).path("clientIdentifier").asString()).isEqualTo("JET");
        assertThat(rows.get(1).path("tenantMedian").decimalValue()).isEqualByComparingTo("0");
        assertThat(rows.get(1).path("ratio").isNull()).isTrue();
    }

    @Test
    void anEmptyWindowHasNoRows() {
        JsonNode result = compute(KPI, "{\"from\":\"2024-01-01\",\"to\":\"2024-03-31\"}");

        assertThat(result.path("rows").size()).isZero();
        assertThat(result.path("summary").path("clientsWithActiveContacts").asInt()).isZero();
        assertThat(result.path("summary").path("tenantMedianPerContact").isNull()).isTrue();
    }
}
