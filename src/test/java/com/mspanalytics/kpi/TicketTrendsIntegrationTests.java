package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.KpiFixtures;
import com.mspanalytics.support.KpiIntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * KPI 11 on hand-built weekly series whose statistics are worked out here. asOf 2026-11-23 (a Monday): the
 * judged week is W47 (Mon 2026-11-16 .. Sun 11-22), the baseline the 12 weeks from 2026-08-24 to 11-15.
 */
@IntegrationTest
class TicketTrendsIntegrationTests extends KpiIntegrationTest {

    static final String KPI = "ticket-trends";

    static final String AS_OF = "2026-11-23";
    static final LocalDate CURRENT = LocalDate.of(2026, 11, 16);

    KpiFixtures data;

    @BeforeEach
    void tenant() {
        data = new KpiFixtures(tenant.tenant());
    }

    /**
     * ACME/Network: 3 tickets in 11 baseline weeks, none in the 6th (a dense 0), 9 now. mean 33/12 = 2.75,
     * population variance (11 × 0.25² + 2.75²)/12 = 0.6875, stddev 0.8292, z = 6.25/0.8292 = 7.5378: a spike
     * on the client, the domain and the cell. BETA/Email: 6 every week and now (stddev 0, P(X >= 6 | 6) = 0.55):
     * not flagged. GAMMA/Hardware: 1 every week, 6 now: stddev 0, z null, P(X >= 6 | 1) = 0.000594 < 0.01:
     * flagged by the Poisson fallback. DELTA/Printer: 9 and 11 alternating (mean 10, stddev 1), 2 now: a drop
     * with z = -8, counted although 2 < minCount because the mean is at least 5.
     */
    private void fourClients() {
        long acme = data.company("ACME", "Acme Dental");
        long beta = data.company("BETA", "Beta Law");
        long gamma = data.company("GAMMA", "Gamma Foods");
        long delta = data.company("DELTA", "Delta Print");
        for (int week = 0; week < 12; week++) {
            tickets(acme, "Network", week, week == 5 ? 0 : 3);
            tickets(beta, "Email", week, 6);
            tickets(gamma, "Hardware", week, 1);
            tickets(delta, "Printer", week, week % 2 == 0 ? 9 : 11);
        }
        tickets(acme, "Network", 12, 9);
        tickets(beta, "Email", 12, 6);
        tickets(gamma, "Hardware", 12, 6);
        tickets(delta, "Printer", 12, 2);
        tickets(acme, "Network", 13, 20);                             // the incomplete week of asOf: not judged
    }

    @Test
    void flagsSpikesDropsAndThePoissonFallbackWithHandWorkedNumbers() {
        fourClients();

        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");

        JsonNode summary = result.path("summary");
        assertThat(summary.path("period").asString()).isEqualTo("2026-W47");
        assertThat(summary.path("periodStart").asString()).isEqualTo("2026-11-16");
        assertThat(summary.path("periodEnd").asString()).isEqualTo("2026-11-22");
        assertThat(summary.path("baselineStart").asString()).isEqualTo("2026-08-24");
        assertThat(result.path("params").path("zThreshold").asDouble()).isEqualTo(2.0);
        assertThat(keys(result)).containsExactlyInAnyOrder("client:ACME", "domain:Network", "client×domain:ACME|Network",
                "client:GAMMA", "domain:Hardware", "client×domain:GAMMA|Hardware",
                "client:DELTA", "domain:Printer", "client×domain:DELTA|Printer");

        JsonNode acme = row(result, "client", "ACME");
        assertThat(acme.path("count").asInt()).isEqualTo(9);
        assertThat(acme.path("baselineMean").asDouble()).isEqualTo(2.75);
        assertThat(acme.path("baselineStddev").asDouble()).isEqualTo(0.8292);
        assertThat(acme.path("z").asDouble()).isEqualTo(7.5378);
        assertThat(acme.path("direction").asString()).isEqualTo("spike");
        assertThat(acme.path("exampleTicketIds").size()).isEqualTo(5);
        assertThat(acme.path("series").size()).isEqualTo(13);
        assertThat(acme.path("series").get(5).path("count").asInt()).isZero();
        assertThat(acme.path("series").get(12).path("period").asString()).isEqualTo("2026-W47");
        assertThat(acme.path("series").get(12).path("count").asInt()).isEqualTo(9);

        JsonNode gamma = row(result, "client", "GAMMA");
        assertThat(gamma.path("baselineMean").asDouble()).isEqualTo(1.0);
        assertThat(gamma.path("baselineStddev").asDouble()).isZero();
        assertThat(gamma.path("z").isNull()).isTrue();
        assertThat(gamma.path("poissonTail").asDouble()).isEqualTo(0.0006);

        JsonNode delta = row(result, "client×domain", "DELTA|Printer");
        assertThat(delta.path("count").asInt()).isEqualTo(2);
        assertThat(delta.path("baselineMean").asDouble()).isEqualTo(10.0);
        assertThat(delta.path("baselineStddev").asDouble()).isEqualTo(1.0);
        assertThat(delta.path("z").asDouble()).isEqualTo(-8.0);
        assertThat(delta.path("direction").asString()).isEqualTo("drop");
        assertThat(delta.path("exampleTicketIds").size()).isEqualTo(2);

        // most surprising first: |count - mean| is 8 for DELTA, 6.25 for ACME, 5 for GAMMA
        assertThat(result.path("rows").get(0).path("key").asString()).startsWith("DELTA");
        assertThat(summary.path("anomalies").asInt()).isEqualTo(9);
        assertThat(summary.path("drops").asInt()).isEqualTo(3);
    }

    @Test
    void aHigherThresholdFromTheRequestKeepsOnlyTheStrongerSeries() {
        fourClients();

        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\",\"params\":{\"zThreshold\":7.6}}");

        // ACME's 7.5378 no longer counts; DELTA's |z| = 8 does; GAMMA's Poisson rule ignores zThreshold
        assertThat(keys(result)).containsExactlyInAnyOrder("client:GAMMA", "domain:Hardware", "client×domain:GAMMA|Hardware",
                "client:DELTA", "domain:Printer", "client×domain:DELTA|Printer");
    }

    @Test
    void anEmptyWindowHasNoAnomalies() {
        JsonNode result = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");

        assertThat(result.path("rows").size()).isZero();
        assertThat(result.path("summary").path("anomalies").asInt()).isZero();
    }

    @Test
    void weeksAreCutAtMidnightInTheTenantsTimeZone() {
        long acme = data.company("ACME", "Acme Dental");
        for (int i = 0; i < 5; i++) {                               // Sun 2026-11-22 23:30 in Toronto (EST, UTC-5)
            data.ticket(acme, Instant.parse("2026-11-23T04:30:00Z")).category("Network", null, null).create();
        }
        for (int i = 0; i < 3; i++) {                               // Sun 2026-11-15 23:30 in Toronto
            data.ticket(acme, Instant.parse("2026-11-16T04:30:00Z")).category("Network", null, null).create();
        }

        // UTC: W47 holds the 3 tickets of Mon 11-16, the baseline nothing: 3 < minCount and mean 0 < 5
        assertThat(compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}").path("rows").size()).isZero();

        putSettings("{\"timeZone\":\"America/Toronto\"}");
        // Toronto: W47 holds the 5 of Sun 11-22, W46 the 3: mean 3/12 = 0.25, stddev sqrt(9/12 - 0.0625) = 0.8292
        JsonNode acmeRow = row(compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}"), "client", "ACME");
        assertThat(acmeRow.path("count").asInt()).isEqualTo(5);
        assertThat(acmeRow.path("baselineMean").asDouble()).isEqualTo(0.25);
        assertThat(acmeRow.path("baselineStddev").asDouble()).isEqualTo(0.8292);
        assertThat(acmeRow.path("z").asDouble()).isEqualTo(5.7287);
    }

    @Test
    void dailyGranularityJudgesTheLastWholeDay() {
        long acme = data.company("ACME", "Acme Dental");
        for (int day = 1; day <= 12; day++) {                         // one a day from 11-10 to 11-21 (UTC)
            data.ticket(acme, Instant.parse("2026-11-09T12:00:00Z").plusSeconds(day * 86_400L)).category("Network", null, null)
                    .create();
        }
        for (int i = 0; i < 5; i++) {
            data.ticket(acme, Instant.parse("2026-11-22T12:00:00Z")).category("Network", null, null).create();
        }

        JsonNode result = compute(KPI, "{\"asOf\":\"2026-11-22\",\"params\":{\"granularity\":\"day\"}}");

        assertThat(result.path("summary").path("period").asString()).isEqualTo("2026-11-22");
        JsonNode row = row(result, "client", "ACME");
        assertThat(row.path("count").asInt()).isEqualTo(5);
        assertThat(row.path("baselineMean").asDouble()).isEqualTo(1.0);
        assertThat(row.path("z").isNull()).isTrue();                  // P(X >= 5 | 1) = 0.0037 < 0.01
        assertThat(row.path("poissonTail").asDouble()).isEqualTo(0.0037);
    }

    @Test
    void anUnknownGranularityIs400NamingTheParameter() {
        var response = http.post("/compute/kpi/ticket-trends", "{\"params\":{\"granularity\":\"month\"}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).path("errors").get(0).path("field").asString()).isEqualTo("params.granularity");
    }

    @Test
    void anAnomalyIsStoredOnceHoweverOftenItIsComputed() {
        fourClients();

        compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");
        compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");

        JsonNode anomalies = Json.parse(http.get("/anomalies?limit=100").body());
        List<JsonNode> acme = anomalies.valueStream().filter(a -> a.path("kpi").asString().equals("ticket-trends")
                && a.path("dimension").asString().equals("client") && a.path("key").asString().equals("ACME")).toList();
        assertThat(acme).hasSize(1);
        assertThat(acme.get(0).path("period").asString()).isEqualTo("2026-W47");
        assertThat(acme.get(0).path("details").path("kind").asString()).isEqualTo("series");
        assertThat(acme.get(0).path("details").path("current").asInt()).isEqualTo(9);
        assertThat(anomalies.valueStream().filter(a -> a.path("kpi").asString().equals("ticket-trends")).count()).isEqualTo(9);
    }

    /** {@code n} tickets on the Wednesday (15:00 UTC) of the week {@code week} weeks after 2026-08-24. */
    private void tickets(long company, String type, int week, int n) {
        Instant wednesday = CURRENT.minusWeeks(12).plusWeeks(week).plusDays(2).atTime(15, 0).toInstant(ZoneOffset.UTC);
        for (int i = 0; i < n; i++) {
            data.ticket(company, wednesday).category(type, null, null).summary(type + " " + week + "/" + i).create();
        }
    }

    private static List<String> keys(JsonNode result) {
        return result.path("rows").valueStream()
                .map(r -> r.path("dimension").asString() + ":" + r.path("key").asString()).toList();
    }

    private static JsonNode row(JsonNode result, String dimension, String key) {
        return result.path("rows").valueStream()
                .filter(r -> r.path("dimension").asString().equals(dimension) && r.path("key").asString().equals(key))
                .findFirst().orElseThrow(() -> new AssertionError(dimension + " " + key + " not in " + result.path("rows")));
    }
}
